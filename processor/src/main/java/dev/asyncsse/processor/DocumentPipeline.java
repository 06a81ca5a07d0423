package dev.asyncsse.processor;

import com.palantir.javapoet.JavaFile;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.diagnostic.Problems;
import dev.asyncsse.processor.diagnostic.Progress;
import dev.asyncsse.processor.generate.ClassFileNames;
import dev.asyncsse.processor.generate.DocumentPlan;
import dev.asyncsse.processor.generate.DocumentPlanner;
import dev.asyncsse.processor.generate.SourceGenerator;
import dev.asyncsse.processor.locate.SpecLocator;
import dev.asyncsse.processor.model.ApiModel;
import dev.asyncsse.processor.model.ModelReader;
import dev.asyncsse.processor.read.DocumentFile;
import dev.asyncsse.processor.read.DocumentSet;
import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.RefResolver;
import dev.asyncsse.processor.types.SchemaTypeMapper;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/**
 * Runs the steps for one annotated package: locate, read, model, name and map types, generate.
 *
 * <p>Each step reports its problems and the pipeline goes on as far as it usefully can, so that
 * one compilation lists every problem. Only a document whose model cannot be read at all, such as
 * one without a supported {@code asyncapi} version, stops before type mapping. Sources are only
 * returned when no step reported an error.
 */
final class DocumentPipeline {

  /** The result of one run: the sources to write, empty when {@code problems} has errors. */
  record Outcome(List<JavaFile> sources, Problems problems) {}

  private final Filer filer;
  private final String specDir;
  private final Elements elements;

  /** @param elements finds the classes that {@code x-java-type} names */
  DocumentPipeline(Filer filer, String specDir, Elements elements) {
    this.filer = filer;
    this.specDir = specDir;
    this.elements = elements;
  }

  /**
   * Runs every step for {@code element}.
   *
   * @param progress receives the position of each node as the steps reach it
   */
  Outcome run(PackageElement element, SpecRequest request, Progress progress) {
    Problems problems = new Problems();
    String packageName = element.getQualifiedName().toString();
    if (request.path().isBlank()) {
      problems.error(null, Messages.emptyDocumentPath());
      return new Outcome(List.of(), problems);
    }

    SpecLocator.Result located = new SpecLocator(filer, specDir).locate(packageName, request.path());
    if (located.found().isEmpty()) {
      problems.error(null, Messages.documentNotFound(request.path(), packageName, located.tried()));
      return new Outcome(List.of(), problems);
    }

    DocumentFile file = new DocumentFile(request.path(), located.found().get().uri());
    problems.mainFile(file.name());
    DocumentSet documents = new DocumentSet(file, located.found().get().content(), problems);
    Optional<Node> root = documents.mainRoot();
    if (root.isEmpty()) {
      return new Outcome(List.of(), problems);
    }
    progress.reach(root.get().position());
    RefResolver refs = new RefResolver(documents, problems);
    refs.resolveAll(root.get());
    Optional<ApiModel> api = new ModelReader(refs, problems, progress).read(root.get());
    if (api.isEmpty()) {
      return new Outcome(List.of(), problems);
    }
    // The model keeps what it could read, so the schemas and names are checked even when reading
    // reported errors. A node reported broken is not reported again by the mapper.
    problems.endStep();

    SchemaTypeMapper types = new SchemaTypeMapper(
        packageName, refs, problems, progress, name -> elements.getTypeElement(name) != null);
    types.reserveComponentSchemas(root.get());
    DocumentPlan plan = new DocumentPlanner(types).plan(api.get(), request.parts());
    // A component schema that no payload, headers or query schema reaches generates no type, so
    // only its errors are reported. Its warnings would be about code that is not generated.
    problems.errorsOnly(() -> types.mapUnreached(api.get().componentSchemas()));
    if (problems.hasErrors()) {
      return new Outcome(List.of(), problems);
    }
    List<JavaFile> sources =
        new SourceGenerator(packageName, request.path(), element, progress, types::positionOf)
            .generate(plan);
    for (String name : ClassFileNames.overLimit(sources)) {
      problems.error(null, Messages.typeNameTooLong(name, ClassFileNames.length(name),
          SchemaTypeMapper.MAX_TYPE_NAME_LENGTH, Messages.GENERATED_NAME_FIX));
    }
    if (problems.hasErrors()) {
      return new Outcome(List.of(), problems);
    }
    return new Outcome(sources, problems);
  }

  /** The document path and parts that the annotation requests. */
  record SpecRequest(String path, DocumentPlan.Parts parts) {}
}
