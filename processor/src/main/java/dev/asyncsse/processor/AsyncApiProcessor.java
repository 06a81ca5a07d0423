package dev.asyncsse.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.annotations.AsyncApiSpec;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problem;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.generate.DocumentPlan;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates typed Server-Sent Events code from the AsyncAPI document named by {@link
 * AsyncApiSpec} on a package.
 *
 * <p>Options: {@code -Aasyncsse.specDir=DIR} adds a folder to look for documents in, and {@code
 * -Aasyncsse.verbose} lists every generated type as a note.
 */
@AutoService(Processor.class)
public final class AsyncApiProcessor extends AbstractProcessor {

  /**
   * Besides {@code @AsyncApiSpec}, the annotations that generated code carries. Claiming them keeps
   * {@code -Xlint:processing} from warning that no processor claimed them; a processor that must be
   * called for them should come before this one on the processor path.
   */
  private static final Set<String> CLAIMED = Set.of(
      AsyncApiSpec.class.getCanonicalName(),
      "javax.annotation.processing.Generated",
      "com.fasterxml.jackson.annotation.JsonAnyGetter",
      "com.fasterxml.jackson.annotation.JsonAnySetter",
      "com.fasterxml.jackson.annotation.JsonCreator",
      "com.fasterxml.jackson.annotation.JsonIgnore",
      "com.fasterxml.jackson.annotation.JsonIgnoreProperties",
      "com.fasterxml.jackson.annotation.JsonInclude",
      "com.fasterxml.jackson.annotation.JsonProperty",
      "com.fasterxml.jackson.annotation.JsonValue");

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return CLAIMED;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Messages.SPEC_DIR_OPTION, Messages.VERBOSE_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(AsyncApiSpec.class)) {
      if (element instanceof PackageElement annotatedPackage) {
        processPackage(annotatedPackage);
      }
    }
    return true;
  }

  private void processPackage(PackageElement element) {
    AsyncApiSpec spec = element.getAnnotation(AsyncApiSpec.class);
    AnnotationMirror mirror = mirror(element);
    AnnotationValue value = valueOf(mirror);
    Messager messager = processingEnv.getMessager();
    Progress progress = new Progress();
    try {
      DocumentPipeline.SpecRequest request = new DocumentPipeline.SpecRequest(
          spec.value(),
          new DocumentPlan.Parts(
              spec.payloads() || spec.client() || spec.server(), spec.client(), spec.server()));
      Map<String, String> options = processingEnv.getOptions();
      DocumentPipeline.Outcome outcome =
          new DocumentPipeline(processingEnv.getFiler(), options.get(Messages.SPEC_DIR_OPTION),
                  processingEnv.getElementUtils())
              .run(element, request, progress);
      for (Problem problem : outcome.problems().all()) {
        messager.printMessage(problem.kind(), problem.render(), element, mirror, value);
      }
      if (outcome.problems().hasErrors()) {
        return;
      }
      boolean verbose = options.containsKey(Messages.VERBOSE_OPTION)
          && !"false".equals(options.get(Messages.VERBOSE_OPTION));
      Filer filer = processingEnv.getFiler();
      for (JavaFile source : outcome.sources()) {
        write(source, filer);
        if (verbose) {
          messager.printMessage(
              Diagnostic.Kind.NOTE,
              "asyncsse generated " + source.packageName() + "." + source.typeSpec().name(),
              element);
        }
      }
    } catch (IOException e) {
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          "Cannot write generated source for " + spec.value() + ": " + e.getMessage(),
          element,
          mirror,
          value);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      messager.printMessage(
          Diagnostic.Kind.ERROR, Messages.internalError(spec.value(), progress.position(), e), element, mirror, value);
    }
  }

  /**
   * Writes {@code source} through {@code filer}, deleting the file again if writing fails. The code
   * is rendered in memory and written in one call, because javac's writer runs its charset encoder
   * once per call and JavaPoet's {@code writeTo(Filer)} makes hundreds of small calls per file.
   *
   * <p>NOTE: most of the remaining time in javac is {@code createSourceFile} itself. In JDK 17 and
   * 25, javac's {@code JavacFiler} looks each new name up with {@code getTypeElement}, which tries
   * every module of the compilation, and compares the new file with every file created before it.
   * One file per generated type pays both.
   */
  private static void write(JavaFile source, Filer filer) throws IOException {
    String text = source.toString();
    TypeSpec type = source.typeSpec();
    String name = source.packageName().isEmpty()
        ? type.name()
        : source.packageName() + "." + type.name();
    JavaFileObject file =
        filer.createSourceFile(name, type.originatingElements().toArray(new Element[0]));
    try (Writer writer = file.openWriter()) {
      writer.write(text);
    } catch (IOException | RuntimeException e) {
      file.delete();
      throw e;
    }
  }

  private static AnnotationMirror mirror(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(AsyncApiSpec.class.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }

  private static AnnotationValue valueOf(AnnotationMirror mirror) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")) {
        return entry.getValue();
      }
    }
    return null;
  }
}
