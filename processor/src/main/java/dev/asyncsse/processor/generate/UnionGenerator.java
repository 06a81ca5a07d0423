package dev.asyncsse.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.asyncsse.processor.types.TypeDeclaration.Member;
import dev.asyncsse.processor.types.TypeDeclaration.UnionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Generates the sealed interface of a {@code oneOf} or {@code anyOf} schema, with a Jackson
 * factory that chooses the member for each JSON value.
 *
 * <p>The factory follows the discriminator when the value has one. Otherwise it tries, in turn,
 * each object member whose required properties are all present (members with more required
 * properties first), object members by a property no other member defines, the other object
 * members, then primitive members by JSON kind; the first member that reads the value without an
 * error wins. A value that fits no member is rejected with the last member's error, or a message
 * that names the union.
 *
 * <p>With a discriminator that some object member does not declare as a property, the interface
 * also gets a default getter that Jackson writes as that property, so a published member carries
 * its tag: the first {@code discriminator.mapping} key that names it, else its fixed value, else
 * its component key. Jackson prefers this annotated getter to a record's plain accessor, so for a
 * member that declares the property the getter returns the record's own value, which the record
 * checks against its tags on construction.
 */
final class UnionGenerator {

  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  private static final ClassName JSON_CREATOR =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonCreator");
  private static final ClassName JSON_TREES =
      ClassName.get("dev.asyncsse.runtime.json", "JsonTrees");
  private static final ClassName JSON_PROPERTY =
      ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");
  private static final ClassName TYPE_TOKEN = ClassName.get("dev.asyncsse.runtime", "TypeToken");
  private static final List<String> KIND_ORDER =
      List.of("boolean", "integer", "number", "string", "array", "object", "any");

  TypeSpec.Builder generate(UnionType union) {
    TypeSpec.Builder type = TypeSpec.interfaceBuilder(union.name())
        .addModifiers(Modifier.PUBLIC, Modifier.SEALED);
    type.addJavadoc(CodeText.of("$L", Javadoc.of(union.doc(), "One of several payload shapes.")));
    type.addJavadoc(CodeText.of("\n<p>Members: $L.\n", memberList(union)));
    if (union.doc().deprecated()) {
      type.addAnnotation(Deprecated.class);
      type.addJavadoc(CodeText.of("\n@deprecated $L", PayloadGenerator.DEPRECATED));
    }
    for (Member member : union.members()) {
      type.addPermittedSubclass(member.record());
    }
    type.addMethod(factory(union));
    if (needsDiscriminatorGetter(union)) {
      type.addMethod(discriminatorGetter(union));
    }
    return type;
  }

  /**
   * Returns whether some object member has a tag but no property that carries it, and every member
   * that declares the property has a string accessor that the getter can return.
   */
  private static boolean needsDiscriminatorGetter(UnionType union) {
    if (union.discriminator() == null) {
      return false;
    }
    boolean undeclared = false;
    for (Member member : union.members()) {
      if (member.wrapped() != null) {
        continue;
      }
      if (member.known().contains(union.discriminator())) {
        if (!union.tagAccessors().containsKey(member.record())) {
          // NOTE: such a member, with a non-string or recursive declaration, leaves the other
          // members without a written tag.
          return false;
        }
      } else if (union.tags().containsValue(member.record())) {
        undeclared = true;
      }
    }
    return undeclared;
  }

  /**
   * Returns the default getter that writes the discriminator property with the member's first tag.
   * Its Java name, the union's name plus {@code Tag}, differs from every member's properties, so
   * no record accessor overrides it, and from the getter of any other union a member belongs to.
   */
  private static MethodSpec discriminatorGetter(UnionType union) {
    String simpleName = union.name().simpleName();
    String name = Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1) + "Tag";
    while (knownByAnyMember(union, name)) {
      name = name + "_";
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addJavadoc(CodeText.of(
            "Returns the value of the discriminator property {@code $L} that names this member: "
                + "the member's\nown value when it declares the property, else its tag. A member "
                + "that wraps a non-object\nvalue returns null.\n",
            Javadoc.escape(union.discriminator())))
        .addAnnotation(AnnotationSpec.builder(JSON_PROPERTY)
            .addMember("value", CodeText.of("$S", union.discriminator()))
            .build())
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .returns(String.class);
    for (Map.Entry<ClassName, String> entry : union.tagAccessors().entrySet()) {
      method.addCode(CodeText.controlFlowStart("if (this instanceof $T)", entry.getKey()))
          .addCode(CodeText.statement("return (($T) this).$L()", entry.getKey(), entry.getValue()))
          .endControlFlow();
    }
    for (Map.Entry<ClassName, String> entry : firstTags(union).entrySet()) {
      method.addCode(CodeText.controlFlowStart("if (this instanceof $T)", entry.getKey()))
          .addCode(CodeText.statement("return $S", entry.getValue()))
          .endControlFlow();
    }
    // Only a member that wraps a non-object value gets here, and its @JsonValue hides this getter.
    method.addCode(CodeText.statement("return null"));
    return method.build();
  }

  private static boolean knownByAnyMember(UnionType union, String property) {
    return union.members().stream().anyMatch(member -> member.known().contains(property));
  }

  /** Returns each object member's first tag, for the members that do not declare the property. */
  private static Map<ClassName, String> firstTags(UnionType union) {
    Map<ClassName, String> first = new LinkedHashMap<>();
    union.tags().forEach((tag, record) -> first.putIfAbsent(record, tag));
    for (Member member : union.members()) {
      if (member.known().contains(union.discriminator())) {
        first.remove(member.record());
      }
    }
    return first;
  }

  private static String memberList(UnionType union) {
    List<String> links = new ArrayList<>();
    for (Member member : union.members()) {
      links.add("{@link " + member.record().simpleName() + "}");
    }
    return String.join(", ", links);
  }

  private MethodSpec factory(UnionType union) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("fromJson")
        .addJavadoc(CodeText.of(
            "Chooses the member for a JSON value and reads the value as that member.\n\n"
                + "@throws IllegalArgumentException when no member fits the value\n"))
        .addAnnotation(AnnotationSpec.builder(JSON_CREATOR).build())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(union.name())
        .addParameter(JSON_NODE, "node");

    if (union.discriminator() != null && !union.tags().isEmpty()) {
      method.addCode(byDiscriminator(union));
    }
    // Each candidate whose shape fits is tried in turn, and the first that reads without error
    // wins. That is what anyOf means, and what a oneOf of well-formed members needs.
    method.addCode(CodeText.statement("$T failure = null", RuntimeException.class));
    List<Member> requiredFirst = requiredFirst(union.members());
    for (Member member : requiredFirst) {
      attempt(method, CodeText.of("node.isObject()$L", requiredTest(member)), member);
    }
    for (Member member : union.members()) {
      if (member.wrapped() == null && member.required().isEmpty()) {
        CodeBlock unique = uniqueTest(member, union.members());
        if (!unique.isEmpty()) {
          attempt(method, CodeText.of("node.isObject() && ($L)", unique), member);
        }
      }
    }
    for (Member member : union.members()) {
      if (member.wrapped() == null && !requiredFirst.contains(member)) {
        attempt(method, CodeText.of("node.isObject()"), member);
      }
    }
    List<Member> wrapped = new ArrayList<>();
    for (Member member : union.members()) {
      if (member.wrapped() != null) {
        wrapped.add(member);
      }
    }
    wrapped.sort(Comparator.comparingInt(member -> KIND_ORDER.indexOf(member.shape())));
    for (Member member : wrapped) {
      attempt(method, kindTest(member.shape()), member);
    }
    method.addCode(CodeText.controlFlowStart("if (failure != null)"))
        .addCode(CodeText.statement("throw failure"))
        .endControlFlow();
    method.addCode(CodeText.statement(
        "throw new $T($S + node.getNodeType())",
        IllegalArgumentException.class,
        "No member of " + union.name().simpleName() + " accepts a JSON "));
    return method.build();
  }

  private static void attempt(MethodSpec.Builder method, CodeBlock test, Member member) {
    method.addCode(CodeText.controlFlowStart("if ($L)", test))
        .addCode(CodeText.controlFlowStart("try"))
        .addCode(CodeText.statement("return $L", read(member)))
        .addCode(CodeText.controlFlowNext("catch ($T | $T e)", IllegalArgumentException.class,
            NullPointerException.class))
        .addCode(CodeText.statement("failure = e"))
        .endControlFlow()
        .endControlFlow();
  }

  private static CodeBlock byDiscriminator(UnionType union) {
    Map<ClassName, List<String>> byMember = new LinkedHashMap<>();
    union.tags().forEach((tag, member) ->
        byMember.computeIfAbsent(member, key -> new ArrayList<>()).add(tag));
    CodeText code = CodeText.builder()
        .beginControlFlow("if (node.isObject() && node.path($S).isTextual())", union.discriminator())
        .addStatement("String tag = node.get($S).asText()", union.discriminator())
        .beginControlFlow("switch (tag)");
    for (Map.Entry<ClassName, List<String>> entry : byMember.entrySet()) {
      for (String tag : entry.getValue()) {
        code.add("case $S:\n", tag);
      }
      code.indent().addStatement("return $T.convert(node, $T.class)", JSON_TREES, entry.getKey())
          .unindent();
    }
    code.add("default:\n").indent()
        .addStatement(
            "throw new $T($S + tag + $S)",
            IllegalArgumentException.class,
            union.discriminator() + ": unknown value \"",
            "\" for " + union.name().simpleName() + "; expected one of "
                + String.join(", ", union.tags().keySet()))
        .unindent()
        .endControlFlow()
        .endControlFlow();
    // A tag that is present but not a string names no member, so guessing one by shape would
    // hide a broken sender.
    code.beginControlFlow("if (node.isObject() && node.has($S))", union.discriminator())
        .addStatement(
            "throw new $T($S + node.get($S) + $S)",
            IllegalArgumentException.class,
            union.discriminator() + ": must be a string naming the member, but was ",
            union.discriminator(),
            "; expected one of " + String.join(", ", union.tags().keySet()))
        .endControlFlow();
    return code.build();
  }

  /**
   * Returns the object members with required properties, most required first, leaving out members
   * whose required set another member shares, because their presence cannot tell them apart.
   */
  private static List<Member> requiredFirst(List<Member> members) {
    List<Member> objects = new ArrayList<>();
    for (Member member : members) {
      boolean shared = members.stream()
          .anyMatch(other -> other != member
              && other.wrapped() == null
              && new java.util.HashSet<>(other.required())
                  .equals(new java.util.HashSet<>(member.required())));
      if (member.wrapped() == null && !member.required().isEmpty() && !shared) {
        objects.add(member);
      }
    }
    objects.sort(Comparator.comparingInt((Member member) -> member.required().size()).reversed());
    return objects;
  }

  private static CodeBlock requiredTest(Member member) {
    CodeText test = CodeText.builder();
    for (String property : member.required()) {
      test.add(" && node.has($S)", property);
    }
    return test.build();
  }

  private static CodeBlock uniqueTest(Member member, List<Member> all) {
    List<CodeBlock> tests = new ArrayList<>();
    for (String property : member.known()) {
      boolean unique = all.stream()
          .filter(other -> other != member && other.wrapped() == null)
          .noneMatch(other -> other.known().contains(property));
      if (unique) {
        tests.add(CodeText.of("node.has($S)", property));
      }
    }
    return CodeBlock.join(tests, " || ");
  }

  private static CodeBlock kindTest(String shape) {
    switch (shape) {
      case "string":
        return CodeText.of("node.isTextual()");
      case "integer":
        return CodeText.of("node.isIntegralNumber()");
      case "number":
        return CodeText.of("node.isNumber()");
      case "boolean":
        return CodeText.of("node.isBoolean()");
      case "array":
        return CodeText.of("node.isArray()");
      case "object":
        return CodeText.of("node.isObject()");
      default:
        return CodeText.of("!node.isMissingNode()");
    }
  }

  private static CodeBlock read(Member member) {
    if (member.wrapped() == null) {
      return CodeText.of("$T.convert(node, $T.class)", JSON_TREES, member.record());
    }
    if (member.wrapped().equals(JSON_NODE)) {
      return CodeText.of("new $T(node)", member.record());
    }
    if (member.wrapped() instanceof ClassName simple) {
      return CodeText.of(
          "new $T($T.convert(node, $T.class))", member.record(), JSON_TREES, simple);
    }
    return CodeText.of(
        "new $T($T.convert(node, new $T<$T>() { }))",
        member.record(),
        JSON_TREES,
        TYPE_TOKEN,
        member.wrapped());
  }
}
