package dev.asyncsse.processor.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.util.List;

/** A Java type to generate for a schema. */
public sealed interface TypeDeclaration {

  /** Returns the generated type's name. */
  ClassName name();

  /** Returns where the schema was written, as {@code file#pointer}. */
  String origin();

  /**
   * A record for an object schema.
   *
   * @param doc the schema's title, description, example and deprecation
   * @param wrapper whether the record only wraps one {@code value}, written as that value
   * @param closed whether the schema sets {@code additionalProperties: false}, so an unknown
   *     property is rejected
   * @param patternMap the component for {@code patternProperties} and its patterns, or {@code
   *     null} when the schema has none
   */
  record RecordType(
      ClassName name,
      String origin,
      SchemaDoc doc,
      List<Component> components,
      List<ClassName> interfaces,
      boolean wrapper,
      boolean closed,
      PatternMap patternMap)
      implements TypeDeclaration {

    public RecordType {
      components = List.copyOf(components);
      interfaces = List.copyOf(interfaces);
    }

    /** Creates a record without {@code patternProperties}. */
    public RecordType(ClassName name, String origin, SchemaDoc doc, List<Component> components,
        List<ClassName> interfaces, boolean wrapper, boolean closed) {
      this(name, origin, doc, components, interfaces, wrapper, closed, null);
    }

    /** Returns this record documented by {@code other} when its own schema has no text. */
    RecordType describedBy(SchemaDoc other) {
      return new RecordType(
          name, origin, doc.orText(other), components, interfaces, wrapper, closed, patternMap);
    }

    /** Returns this record also implementing {@code union}. */
    RecordType implementing(ClassName union) {
      if (interfaces.contains(union)) {
        return this;
      }
      List<ClassName> more = new java.util.ArrayList<>(interfaces);
      more.add(union);
      return new RecordType(name, origin, doc, components, more, wrapper, closed, patternMap);
    }

    /**
     * Returns this record with the string property {@code jsonName} restricted to {@code literals}
     * (JSON text), unless the property is missing, not a string, or already restricted. A null
     * value of the property becomes the first literal unless the schema gives another default, so
     * a record built without its discriminator tag still writes one.
     */
    RecordType restricting(String jsonName, List<String> literals) {
      List<Component> restricted = new java.util.ArrayList<>();
      for (Component component : components) {
        Constraints rules = component.constraints();
        if (component.jsonName().equals(jsonName)
            && component.type().equals(ClassName.get(String.class))
            && rules.allowed().isEmpty()) {
          rules = rules.allowing(literals);
          String defaultValue = component.defaultValue() == null && !literals.isEmpty()
              ? literals.get(0)
              : component.defaultValue();
          component = new Component(
              component.javaName(), component.jsonName(), component.type(), component.required(),
              component.nullable(), component.doc(), rules, component.catchAll(),
              defaultValue, component.fixed());
        }
        restricted.add(component);
      }
      return new RecordType(
          name, origin, doc, restricted, interfaces, wrapper, closed, patternMap);
    }
  }

  /**
   * The map component that stores the properties whose names match a {@code patternProperties}
   * pattern and that the schema does not declare.
   *
   * @param javaName the name of the map component
   * @param valueType the map's value type: the type of every pattern schema other than {@code
   *     false} when they all map to one Java type, else {@code JsonNode}
   * @param patterns the patterns in document order
   * @param required the {@code required} names that no property declares and that match a
   *     pattern, so the map must contain them
   */
  record PatternMap(String javaName, TypeName valueType, List<PatternProperty> patterns,
      List<String> required) {

    public PatternMap {
      patterns = List.copyOf(patterns);
      required = List.copyOf(required);
    }
  }

  /**
   * One {@code patternProperties} entry.
   *
   * @param pattern the ECMA-262 pattern as the document writes it
   * @param javaPattern its java.util.regex translation
   * @param type the Java type of the pattern's schema
   * @param constraints the validation keywords of the pattern's schema
   * @param forbidden whether the pattern's schema is {@code false}, so no property may match it
   * @param nullable whether the pattern's schema allows a JSON {@code null} value
   */
  record PatternProperty(String pattern, String javaPattern, TypeName type,
      Constraints constraints, boolean forbidden, boolean nullable) {}

  /**
   * A sealed interface for a {@code oneOf} or {@code anyOf} schema, with a Jackson factory that
   * picks the member for each JSON value.
   *
   * @param members the permitted records, in the order they are tried
   * @param discriminator the property whose value names the member, or {@code null}
   * @param tags discriminator values, each mapped to its member
   * @param tagAccessors the Java accessor of the discriminator property, for each member whose
   *     record declares that property as a string
   */
  record UnionType(
      ClassName name,
      String origin,
      SchemaDoc doc,
      List<Member> members,
      String discriminator,
      java.util.Map<String, ClassName> tags,
      java.util.Map<ClassName, String> tagAccessors)
      implements TypeDeclaration {

    public UnionType {
      members = List.copyOf(members);
      tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
      tagAccessors =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tagAccessors));
    }

    /** Returns this union documented by {@code other} when its own schema has no text. */
    UnionType describedBy(SchemaDoc other) {
      return new UnionType(
          name, origin, doc.orText(other), members, discriminator, tags, tagAccessors);
    }
  }

  /**
   * One member of a union.
   *
   * @param record the record that implements the union
   * @param shape the JSON kind the member accepts: object, string, integer, number, boolean,
   *     array, or any
   * @param required for an object member, the properties that must be present
   * @param known for an object member, every property it defines
   * @param wrapped the type of a wrapper record's single component, or {@code null} when the
   *     member is a record of its own
   */
  record Member(
      ClassName record,
      String shape,
      List<String> required,
      List<String> known,
      TypeName wrapped) {

    public Member {
      required = List.copyOf(required);
      known = List.copyOf(known);
    }
  }

  /**
   * An enum for a string schema with {@code enum} values.
   *
   * @param doc the schema's title, description, example and deprecation
   * @param unknownConstant the name of the constant that stands for any value the document does
   *     not list, or {@code null} when an unknown value is rejected
   */
  record EnumType(
      ClassName name, String origin, SchemaDoc doc, List<Constant> constants,
      String unknownConstant)
      implements TypeDeclaration {

    public EnumType {
      constants = List.copyOf(constants);
    }

    /** Returns this enum documented by {@code other} when its own schema has no text. */
    EnumType describedBy(SchemaDoc other) {
      return new EnumType(name, origin, doc.orText(other), constants, unknownConstant);
    }
  }

  /**
   * One record component.
   *
   * @param javaName the component's Java name
   * @param jsonName the property name on the wire
   * @param type the component's type, boxed; {@link #javaType()} unboxes a required primitive
   * @param required whether the schema lists the property under {@code required}
   * @param nullable whether the schema allows {@code null}; for the {@code additionalProperties}
   *     map, whether its values may be {@code null}
   * @param doc the property schema's title, description, example and deprecation
   * @param constraints the validation keywords to check on construction
   * @param catchAll whether the component is the map of properties the schema does not name,
   *     from {@code additionalProperties}
   * @param defaultValue the JSON text of the value a {@code null} is replaced with: the schema's
   *     {@code const}, else its {@code default}; {@code null} when there is none
   * @param fixed whether {@code defaultValue} is a {@code const}, so the caller need not pass it
   */
  record Component(
      String javaName,
      String jsonName,
      TypeName type,
      boolean required,
      boolean nullable,
      SchemaDoc doc,
      Constraints constraints,
      boolean catchAll,
      String defaultValue,
      boolean fixed) {

    /** Creates a component without a default value. */
    public Component(String javaName, String jsonName, TypeName type, boolean required,
        boolean nullable, SchemaDoc doc, Constraints constraints, boolean catchAll) {
      this(javaName, jsonName, type, required, nullable, doc, constraints, catchAll, null, false);
    }

    /** Returns the declared Java type: a primitive when the value must be present. */
    public TypeName javaType() {
      return required && !nullable && type.isBoxedPrimitive() ? type.unbox() : type;
    }
  }

  /**
   * An enum constant.
   *
   * @param javaName the constant's Java name
   * @param wireValue the value as written in the document
   */
  record Constant(String javaName, String wireValue) {}

  /**
   * Validation keywords of a property schema; {@code null} where the schema has none.
   *
   * @param patterns the ECMA-262 patterns a string must match, each as the document writes it;
   *     several when {@code allOf} members each set one
   * @param allowed the JSON text of each {@code enum} value, or of the {@code const} value, when
   *     the Java type does not check them itself; empty when any value is allowed
   * @param uniqueItems whether array items must be distinct
   * @param multipleOf the number every value must be a multiple of
   * @param elements the validation keywords of each item of a list or value of a map, or {@code
   *     null} when there are none
   */
  record Constraints(
      BigDecimal minimum,
      BigDecimal maximum,
      BigDecimal exclusiveMinimum,
      BigDecimal exclusiveMaximum,
      Integer minLength,
      Integer maxLength,
      List<String> patterns,
      Integer minItems,
      Integer maxItems,
      String format,
      List<String> allowed,
      boolean uniqueItems,
      BigDecimal multipleOf,
      Constraints elements) {

    static final Constraints NONE = new Constraints(
        null, null, null, null, null, null, List.of(), null, null, null, List.of(), false, null,
        null);

    public Constraints {
      patterns = List.copyOf(patterns);
      allowed = List.copyOf(allowed);
      if (elements != null && elements.isEmpty()) {
        elements = null;
      }
    }

    /** Returns these constraints with {@code literals} (JSON text) as the allowed values. */
    Constraints allowing(List<String> literals) {
      return new Constraints(minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength,
          maxLength, patterns, minItems, maxItems, format, literals, uniqueItems, multipleOf,
          elements);
    }

    /** Returns these constraints with {@code rules} for each item of a list or value of a map. */
    Constraints withElements(Constraints rules) {
      return new Constraints(minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength,
          maxLength, patterns, minItems, maxItems, format, allowed, uniqueItems, multipleOf, rules);
    }

    /** Returns these constraints without {@code format}. */
    Constraints withoutFormat() {
      return new Constraints(minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength,
          maxLength, patterns, minItems, maxItems, null, allowed, uniqueItems, multipleOf,
          elements);
    }

    /** Returns whether there is anything to check. */
    public boolean isEmpty() {
      return this.equals(NONE);
    }
  }
}
