package dev.asyncsse.processor.generate;

import com.palantir.javapoet.JavaFile;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.read.SourcePosition;
import dev.asyncsse.processor.types.TypeDeclaration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Element;

/** Generates every source file for a planned document, in memory and in a fixed order. */
public final class SourceGenerator {

  private final GeneratedFiles files;
  private final Progress progress;
  private final Function<String, SourcePosition> positions;

  /**
   * @param documentName the document's name for the file comment
   * @param origin the annotated package, recorded as each file's originating element
   * @param progress receives the position of each schema and channel as its file is generated
   * @param positions the position of a schema, by its origin ({@code file#pointer})
   */
  public SourceGenerator(String packageName, String documentName, Element origin,
      Progress progress, Function<String, SourcePosition> positions) {
    this.files = new GeneratedFiles(packageName, documentName, origin);
    this.progress = progress;
    this.positions = positions;
  }

  /** Returns the files sorted by type name. */
  public List<JavaFile> generate(DocumentPlan plan) {
    List<JavaFile> sources = new ArrayList<>();
    for (TypeDeclaration declaration : plan.types()) {
      if (isDeprecated(declaration)) {
        files.deprecated(declaration.name());
      }
    }
    PayloadGenerator payloads = new PayloadGenerator(files);
    if (plan.what().payloads()) {
      for (TypeDeclaration declaration : plan.types()) {
        progress.reach(positions.apply(declaration.origin()));
        sources.add(payloads.generate(declaration));
      }
    }
    ParametersGenerator parameters = new ParametersGenerator(files);
    ClientGenerator clients = new ClientGenerator(files);
    ServerGenerator servers = new ServerGenerator(files);
    for (ChannelPlan channel : plan.channels()) {
      progress.reach(channel.channel().position());
      if (channel.parametersClass() != null) {
        sources.add(parameters.generate(channel));
      }
      if (plan.what().client()) {
        sources.add(clients.generate(channel));
      }
      if (plan.what().server()) {
        sources.add(servers.generate(channel));
      }
    }
    if (plan.what().client() || plan.what().server()) {
      sources.add(new EntryGenerator(files).generate(plan));
    }
    sources.sort(Comparator.comparing(file -> file.typeSpec().name()));
    return sources;
  }

  private static boolean isDeprecated(TypeDeclaration declaration) {
    if (declaration instanceof TypeDeclaration.RecordType record) {
      return record.doc().deprecated();
    }
    if (declaration instanceof TypeDeclaration.EnumType enumType) {
      return enumType.doc().deprecated();
    }
    return ((TypeDeclaration.UnionType) declaration).doc().deprecated();
  }
}
