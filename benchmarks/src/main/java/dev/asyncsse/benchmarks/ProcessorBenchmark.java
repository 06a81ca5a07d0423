package dev.asyncsse.benchmarks;

import static java.util.stream.Collectors.joining;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.asyncsse.processor.AsyncApiProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Processor cost: for each document, the processor's time, split into its own work and the time
 * inside javac's {@code Filer}, and the {@code javac} time to compile what it generated, all in
 * this JVM through {@link javax.tools.JavaCompiler}.
 *
 * <p>The processor time is the wall time spent inside its {@code init} and {@code process}
 * methods during a {@code -proc:only} compilation of the annotated package. It is split in two: the
 * time inside javac's {@code Filer} for the generated sources (creating each file, opening, writing
 * and closing its writer, as {@link TimedFiler} measures it), and the rest, the processor's own
 * work (locating, reading and modelling the document, and generating the code). The compile time
 * is a separate {@code -proc:none} compilation of the generated sources. Each document is compiled
 * {@code --repeats} times; the first, cold, compilation is reported apart from the median of the
 * others, because the first also loads and compiles javac and the processor. Each warm column is
 * the median of its own values, so the parts need not add up to the warm total.
 *
 * <p>Documents: the files given with {@code --document}, and synthetic AsyncAPI 3.0 documents with
 * five object schemas per channel: by default of 50, 100, 200 and 400 channels, to show how the
 * cost grows as the document doubles, or of the channel counts given with {@code --synthetic}. A
 * second table divides each synthetic document's times by those of the one before it.
 *
 * <p>{@code --clock cpu} measures every time as CPU time of the thread that runs javac and the
 * processor, in place of wall time. It leaves out the garbage collector and JIT compiler threads
 * and time spent waiting for a core, so it moves less on a busy machine.
 *
 * <p>{@code --baseline JAR} also measures the processor in {@code JAR}, for example the benchmark
 * jar of an older build, loaded in its own class loader. Each repeat compiles every document with
 * both processors in turn, so that both see the same load; its rows end in "(baseline)". The
 * first processor of a document's first repeat also warms up javac's own code for the second, so
 * only the warm columns compare the two.
 *
 * <p>NOTE: the cost of the clock readings around each timed {@code Filer} call is measured once
 * and taken off, which is an estimate. A processor that writes each file in hundreds of calls
 * makes the estimate as large as the {@code Filer} time itself under {@code --clock cpu}, where
 * one reading took 530 to 590 ns on a 2-vCPU VM with JDK 17 and 25. Compare such a processor
 * under {@code --clock wall}.
 *
 * <p>Usage: {@code java -cp asyncsse-benchmarks.jar dev.asyncsse.benchmarks.ProcessorBenchmark
 * [--document FILE]... [--repeats N] [--synthetic 50,100,200,400] [--clock wall|cpu] [--baseline
 * JAR] [--out FILE]}. {@code --help} describes each option. An invalid option stops it with a
 * one-line message and exit status 2 before any measurement. The work files go to a folder under
 * {@code java.io.tmpdir}, which is deleted when the benchmark ends.
 */
public final class ProcessorBenchmark {

  private static final List<Integer> DEFAULT_SYNTHETIC_CHANNELS = List.of(50, 100, 200, 400);
  private static final int SCHEMAS_PER_CHANNEL = 5;
  private static final String PACKAGE = "bench.generated";

  private final WorkDirectory workDir;
  private final int repeats;
  private final LongSupplier clock;
  private final double readingNanos;
  private final List<Variant> variants;

  /**
   * @param readingNanos the cost of one reading of {@code clock}, in nanoseconds
   * @param variants the processors to measure, the current one first
   */
  private ProcessorBenchmark(
      WorkDirectory workDir,
      int repeats,
      LongSupplier clock,
      double readingNanos,
      List<Variant> variants) {
    this.workDir = workDir;
    this.repeats = repeats;
    this.clock = clock;
    this.readingNanos = readingNanos;
    this.variants = variants;
  }

  /** Measures every document and prints Markdown tables. */
  public static void main(String[] args) throws IOException {
    Settings settings = CommandLine.parseOrExit(Settings.USAGE, args, Settings::parse);
    String report;
    try {
      report = measureAll(settings);
    } catch (JavacFailedException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    } catch (WorkDirectory.StoppingException e) {
      // Ctrl-C or SIGTERM: the JVM stops once the work folder is deleted.
      return;
    }
    System.out.println(report);
    if (settings.outputFile() != null) {
      Files.writeString(settings.outputFile(), report, StandardCharsets.UTF_8);
    }
  }

  /** Measures every document in a work folder that is deleted before it returns or throws. */
  private static String measureAll(Settings settings) throws IOException {
    LongSupplier clock = clock(settings.clock());
    double readingNanos = readingNanos(clock);
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("", AsyncApiProcessor::new));
    if (settings.baseline() != null) {
      variants.add(new Variant(" (baseline)", settings.baseline()));
    }
    StringBuilder report = new StringBuilder();
    report.append("### Processor\n\n");
    report.append(
        String.format(
            Locale.ROOT,
            "JVM: %s %s. Each document compiled %d times; \"warm\" is the median of all but the"
                + " first. Times are %s time. One clock reading took %.0f ns; for each timed Filer"
                + " call, one reading is taken off the Filer time and two off the processor time"
                + " (an estimate of the timing's own cost).%n%n",
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            settings.repeats(),
            settings.clock().equals("cpu") ? "CPU" : "wall",
            readingNanos));
    report.append(
        "| document | bytes | generated files | generated lines | timed Filer calls"
            + " | own ms (cold) | Filer ms (cold) | processor ms (cold)"
            + " | own ms (warm) | Filer ms (warm) | processor ms (warm)"
            + " | javac -proc:only ms (warm) | compile output ms (cold) | compile output ms (warm)"
            + " | processor / compile (warm) |\n");
    report.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Measurement> series = new ArrayList<>();
    try (WorkDirectory workDir = WorkDirectory.create("asyncsse-processor-benchmark")) {
      ProcessorBenchmark benchmark =
          new ProcessorBenchmark(workDir, settings.repeats(), clock, readingNanos, variants);
      // A first compilation loads javac, so that no document pays for it alone.
      benchmark.measure(benchmark.synthetic(10), "warm-up");
      for (Path document : settings.documents()) {
        for (Measurement measurement :
            benchmark.measure(document, document.getFileName().toString())) {
          report.append(measurement.row());
        }
      }
      for (int channels : settings.syntheticChannels()) {
        String label =
            "synthetic: " + channels + " channels, " + channels * SCHEMAS_PER_CHANNEL + " schemas";
        List<Measurement> measurements = benchmark.measure(benchmark.synthetic(channels), label);
        for (Measurement measurement : measurements) {
          report.append(measurement.row());
        }
        series.add(measurements.get(0));
      }
    }
    report.append(growth(series));
    return report.toString();
  }

  private static LongSupplier clock(String name) {
    if (name.equals("wall")) {
      return System::nanoTime;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.setThreadCpuTimeEnabled(true);
    return threads::getCurrentThreadCpuTime;
  }

  /**
   * Returns the cost of one reading of {@code clock} in nanoseconds: the lowest average over 200
   * rounds of 10,000 readings, timed with the same clock. Short rounds make it likely that some
   * round runs without being descheduled, which a wall clock would count on a busy machine.
   */
  private static double readingNanos(LongSupplier clock) {
    int readings = 10_000;
    double lowest = Double.MAX_VALUE;
    for (int round = 0; round < 200; round++) {
      long start = clock.getAsLong();
      for (int i = 0; i < readings; i++) {
        clock.getAsLong();
      }
      lowest = Math.min(lowest, (double) (clock.getAsLong() - start) / readings);
    }
    return lowest;
  }

  /**
   * Loads the processor class of the same name from the jar that the current option names, which
   * must also contain the processor's dependencies, such as an older {@code
   * asyncsse-benchmarks.jar}, and creates one instance to check that it can.
   */
  private static Supplier<Processor> baselineProcessor(CommandLine line) {
    String className = AsyncApiProcessor.class.getName();
    String accepted =
        "a jar with "
            + className
            + " and its dependencies, such as an older asyncsse-benchmarks.jar";
    Path jar = line.existingFile(accepted);
    Class<? extends Processor> type;
    try {
      URLClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      type = Class.forName(className, true, loader).asSubclass(Processor.class);
      type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw line.invalid(jar.toString(), "no class " + className + " in it", accepted);
    } catch (IOException | ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw line.invalid(jar.toString(), "cannot create its processor: " + e, accepted);
    }
    return () -> {
      try {
        return type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot create the baseline processor", e);
      }
    };
  }

  /**
   * Measures {@code document} with every variant. Each repeat compiles it once with each variant
   * in turn. Every second repeat reverses the order, so no variant always runs right after the
   * other.
   */
  private List<Measurement> measure(Path document, String label) throws IOException {
    System.err.printf(Locale.ROOT, "%s: processor benchmark, %s%n", Instant.now(), label);
    List<Samples> samples = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      samples.add(new Samples());
    }
    for (int repeat = 0; repeat < repeats; repeat++) {
      for (int turn = 0; turn < variants.size(); turn++) {
        int index = repeat % 2 == 0 ? turn : variants.size() - 1 - turn;
        try {
          compileOnce(document, variants.get(index), samples.get(index));
        } catch (JavacFailedException e) {
          throw new JavacFailedException(
              "javac failed while measuring "
                  + document
                  + variants.get(index).suffix()
                  + ":\n"
                  + e.getMessage());
        }
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      measurements.add(
          samples.get(i).measurement(label + variants.get(i).suffix(), Files.size(document)));
    }
    return measurements;
  }

  /**
   * Compiles {@code document} with the processor of {@code variant}, then its output, adds the
   * times to {@code samples} and prints them to standard error.
   */
  private void compileOnce(Path document, Variant variant, Samples samples) throws IOException {
    Path dir = Files.createDirectories(workDir.path().resolve("run"));
    Path sources = Files.createDirectories(dir.resolve("src"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path packageInfo = writePackageInfo(sources, document.getFileName().toString());

    TimedProcessor processor = new TimedProcessor(variant.processor().get(), clock);
    long start = clock.getAsLong();
    compile(
        List.of(packageInfo),
        List.of(
            "-proc:only",
            "-Aasyncsse.specDir=" + document.toAbsolutePath().getParent(),
            "-s",
            generated.toString(),
            "-d",
            classes.toString()),
        processor);
    samples.procOnlyMillis.add((clock.getAsLong() - start) / 1e6);
    samples.timedCalls = processor.filer.timedCalls();
    double filerNanos = processor.filer.nanos() - samples.timedCalls * readingNanos;
    double processorNanos = processor.nanos - 2 * samples.timedCalls * readingNanos;
    samples.processorMillis.add(processorNanos / 1e6);
    samples.filerMillis.add(filerNanos / 1e6);
    samples.ownMillis.add((processorNanos - filerNanos) / 1e6);
    System.err.printf(
        Locale.ROOT,
        "  processor%s: own %.0f ms, Filer %.0f ms, total %.0f ms%n",
        variant.suffix(),
        (processorNanos - filerNanos) / 1e6,
        filerNanos / 1e6,
        processorNanos / 1e6);

    List<Path> outputs = javaFiles(generated);
    samples.files = outputs.size();
    samples.lines = countLines(outputs);
    start = clock.getAsLong();
    compile(outputs, List.of("-proc:none", "-d", classes.toString()), null);
    samples.compileMillis.add((clock.getAsLong() - start) / 1e6);
    WorkDirectory.deleteRecursively(dir);
  }

  /** Returns a table of the ratios between each measurement and the one before it. */
  private static String growth(List<Measurement> series) {
    if (series.size() < 2) {
      return "";
    }
    StringBuilder table = new StringBuilder();
    table.append("\nGrowth: each synthetic document's value divided by the previous one's.\n\n");
    table.append(
        "| from | to | generated files | own (cold) | Filer (cold) | processor (cold)"
            + " | own (warm) | Filer (warm) | processor (warm) | compile output (warm) |\n");
    table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 1; i < series.size(); i++) {
      Measurement from = series.get(i - 1);
      Measurement to = series.get(i);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
              from.label(),
              to.label(),
              (double) to.files() / from.files(),
              to.cold().own() / from.cold().own(),
              to.cold().filer() / from.cold().filer(),
              to.cold().total() / from.cold().total(),
              to.warm().own() / from.warm().own(),
              to.warm().filer() / from.warm().filer(),
              to.warm().total() / from.warm().total(),
              to.compileWarmMillis() / from.compileWarmMillis()));
    }
    return table.toString();
  }

  private static double warm(List<Double> values) {
    return ResultTable.median(values.subList(1, values.size()));
  }

  private static Path writePackageInfo(Path sources, String documentName) throws IOException {
    Path dir = Files.createDirectories(sources.resolve(PACKAGE.replace('.', '/')));
    Path file = dir.resolve("package-info.java");
    Files.writeString(
        file,
        "@dev.asyncsse.annotations.AsyncApiSpec(\""
            + documentName.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\")\npackage "
            + PACKAGE
            + ";\n",
        StandardCharsets.UTF_8);
    return file;
  }

  /** Compiles {@code files} with the class path of this JVM, and fails on any error. */
  private static void compile(List<Path> files, List<String> options, Processor processor)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> allOptions = new ArrayList<>(options);
    allOptions.addAll(
        List.of("--release", "17", "-nowarn", "-classpath", System.getProperty("java.class.path")));
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              diagnostics,
              fileManager,
              null,
              allOptions,
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      if (processor != null) {
        task.setProcessors(List.of(processor));
      }
      if (!task.call()) {
        throw new JavacFailedException(diagnostics.toString());
      }
    }
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(path -> path.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static long countLines(List<Path> files) throws IOException {
    long lines = 0;
    for (Path file : files) {
      try (Stream<String> fileLines = Files.lines(file, StandardCharsets.UTF_8)) {
        lines += fileLines.count();
      }
    }
    return lines;
  }

  /**
   * Writes a synthetic AsyncAPI 3.0 document as JSON: {@code channels} channels, each with one path
   * parameter and one message, and {@value #SCHEMAS_PER_CHANNEL} object schemas per channel. The
   * message's payload is the first schema of its group, and each schema refers to the next one of
   * the group, so every schema becomes a generated record. Each schema has string, uuid, date-time,
   * integer, number, boolean, array and string-enum properties.
   */
  private Path synthetic(int channels) throws IOException {
    Map<String, Object> channelMap = new LinkedHashMap<>();
    Map<String, Object> operations = new LinkedHashMap<>();
    Map<String, Object> messages = new LinkedHashMap<>();
    Map<String, Object> schemas = new LinkedHashMap<>();
    for (int c = 0; c < channels; c++) {
      channelMap.put(
          "channel" + c,
          Map.of(
              "address", "things/group" + c + "/{thingId}/events",
              "parameters", Map.of("thingId", Map.of("description", "The thing's id.")),
              "messages", Map.of("event" + c, ref("#/components/messages/Event" + c))));
      operations.put(
          "receiveChannel" + c,
          Map.of("action", "receive", "channel", ref("#/channels/channel" + c)));
      messages.put(
          "Event" + c,
          Map.of("name", "event" + c, "payload", ref("#/components/schemas/" + schemaName(c, 0))));
      for (int s = 0; s < SCHEMAS_PER_CHANNEL; s++) {
        schemas.put(schemaName(c, s), schema(c, s));
      }
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("asyncapi", "3.0.0");
    document.put("info", Map.of("title", "Synthetic " + channels, "version", "1.0.0"));
    document.put("channels", channelMap);
    document.put("operations", operations);
    document.put("components", Map.of("messages", messages, "schemas", schemas));

    Path dir = Files.createDirectories(workDir.path().resolve("documents"));
    Path file = dir.resolve("synthetic-" + channels + ".json");
    ObjectMapper mapper = JsonMapper.builder().build();
    mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
    return file;
  }

  private static String schemaName(int channel, int index) {
    return "Thing" + channel + "Part" + index;
  }

  private static Map<String, Object> schema(int channel, int index) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", Map.of("type", "string", "format", "uuid"));
    properties.put("name", Map.of("type", "string", "maxLength", 200));
    properties.put("at", Map.of("type", "string", "format", "date-time"));
    properties.put("count", Map.of("type", "integer", "minimum", 0));
    properties.put("ratio", Map.of("type", "number"));
    properties.put("active", Map.of("type", "boolean"));
    properties.put("tags", Map.of("type", "array", "items", Map.of("type", "string")));
    properties.put("state", Map.of("type", "string", "enum", List.of("on", "off", "unknown")));
    if (index + 1 < SCHEMAS_PER_CHANNEL) {
      properties.put("next", ref("#/components/schemas/" + schemaName(channel, index + 1)));
    }
    return Map.of(
        "type",
        "object",
        "description",
        "Part " + index + " of thing group " + channel + ".",
        "required",
        List.of("id", "name"),
        "properties",
        properties);
  }

  private static Map<String, Object> ref(String pointer) {
    return Map.of("$ref", pointer);
  }

  /**
   * The command line.
   *
   * @param documents the AsyncAPI documents to measure before the synthetic ones
   * @param repeats compilations of each document, the first of them cold
   * @param syntheticChannels the channel counts of the synthetic documents
   * @param clock {@code wall} or {@code cpu}
   * @param baseline the processor of an older build to measure as well, or {@code null}
   * @param outputFile where to write the Markdown report as well, or {@code null}
   */
  record Settings(
      List<Path> documents,
      int repeats,
      List<Integer> syntheticChannels,
      String clock,
      Supplier<Processor> baseline,
      Path outputFile) {

    static final String USAGE =
        String.join(
            "\n",
            "Options of ProcessorBenchmark:",
            "  --document FILE  an AsyncAPI document (YAML or JSON) to measure before the",
            "                   synthetic ones; repeat it for several",
            "  --repeats N      compilations of each document, the first of them cold (default 4,",
            "                   at least 2)",
            "  --synthetic LIST",
            "                   comma-separated channel counts of the synthetic documents, each",
            "                   at least 1 (default "
                + DEFAULT_SYNTHETIC_CHANNELS.stream().map(String::valueOf).collect(joining(","))
                + ")",
            "  --clock wall|cpu wall time, or CPU time of the thread that runs javac (default",
            "                   wall)",
            "  --baseline JAR   also measure the processor in JAR, such as an older",
            "                   asyncsse-benchmarks.jar",
            "  --out FILE       also write the Markdown report to FILE",
            "  --help           print this list and exit");

    static Settings parse(CommandLine line) {
      List<Path> documents = new ArrayList<>();
      int repeats = 4;
      List<Integer> syntheticChannels = DEFAULT_SYNTHETIC_CHANNELS;
      String clock = "wall";
      Supplier<Processor> baseline = null;
      Path output = null;
      while (line.hasNext()) {
        switch (line.next()) {
          case "--document" ->
              documents.add(line.existingFile("an AsyncAPI document in YAML or JSON"));
          case "--repeats" -> repeats = line.count(2);
          case "--synthetic" -> syntheticChannels = line.counts(1);
          case "--clock" -> clock = cpuClockChecked(line, line.choice("wall", "cpu"));
          case "--baseline" -> baseline = baselineProcessor(line);
          case "--out" -> output = line.outputFile();
          default -> throw line.unknown();
        }
      }
      return new Settings(
          List.copyOf(documents), repeats, syntheticChannels, clock, baseline, output);
    }

    /** Returns {@code clock}, after checking that this JVM measures thread CPU time for cpu. */
    private static String cpuClockChecked(CommandLine line, String clock) {
      if (clock.equals("cpu")
          && !ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()) {
        throw line.invalid(clock, "this JVM does not measure thread CPU time", "wall");
      }
      return clock;
    }
  }

  /** {@code javac} reported errors; the message contains its diagnostics. */
  static final class JavacFailedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    JavacFailedException(String message) {
      super(message);
    }
  }

  /** A processor to measure, and the suffix that marks its rows. */
  private record Variant(String suffix, Supplier<Processor> processor) {}

  /** The times of one document and variant, one value per repeat. */
  private static final class Samples {
    final List<Double> processorMillis = new ArrayList<>();
    final List<Double> filerMillis = new ArrayList<>();
    final List<Double> ownMillis = new ArrayList<>();
    final List<Double> procOnlyMillis = new ArrayList<>();
    final List<Double> compileMillis = new ArrayList<>();
    int files;
    long lines;
    long timedCalls;

    Measurement measurement(String label, long bytes) {
      return new Measurement(
          label,
          bytes,
          files,
          lines,
          timedCalls,
          new Split(ownMillis.get(0), filerMillis.get(0), processorMillis.get(0)),
          new Split(warm(ownMillis), warm(filerMillis), warm(processorMillis)),
          warm(procOnlyMillis),
          compileMillis.get(0),
          warm(compileMillis));
    }
  }

  /** One document's results. */
  private record Measurement(
      String label,
      long bytes,
      int files,
      long lines,
      long timedCalls,
      Split cold,
      Split warm,
      double procOnlyWarmMillis,
      double compileColdMillis,
      double compileWarmMillis) {

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %,d | %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f"
              + " | %,.0f | %,.0f | %.3f |%n",
          label,
          bytes,
          files,
          lines,
          timedCalls,
          cold.own(),
          cold.filer(),
          cold.total(),
          warm.own(),
          warm.filer(),
          warm.total(),
          procOnlyWarmMillis,
          compileColdMillis,
          compileWarmMillis,
          warm.total() / compileWarmMillis);
    }
  }

  /**
   * Processor time in milliseconds: its own work, the time inside javac's {@code Filer}, and the
   * total.
   */
  private record Split(double own, double filer, double total) {}

  /**
   * Delegates to a processor and adds up the time spent in its methods that do work, handing
   * it a {@link TimedFiler} so that the time inside javac's {@code Filer} can be taken apart.
   */
  private static final class TimedProcessor implements Processor {

    private final Processor delegate;
    private final LongSupplier clock;
    private TimedFiler filer;
    private long nanos;

    TimedProcessor(Processor delegate, LongSupplier clock) {
      this.delegate = delegate;
      this.clock = clock;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment environment) {
      filer = new TimedFiler(environment.getFiler(), clock);
      long start = clock.getAsLong();
      delegate.init(filer.wrap(environment));
      nanos += clock.getAsLong() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = clock.getAsLong();
      boolean claimed = delegate.process(annotations, round);
      nanos += clock.getAsLong() - start;
      return claimed;
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
