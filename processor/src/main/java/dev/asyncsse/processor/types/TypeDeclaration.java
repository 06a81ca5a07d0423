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
   * @param description the schema's description or title, or {@code ""}
   */
  record RecordType(ClassName name, String origin, String description, List<Component> components)
      implements TypeDeclaration {

    public RecordType {
      components = List.copyOf(components);
    }
  }

  /**
   * An enum for a string schema with {@code enum} values.
   *
   * @param description the schema's description or title, or {@code ""}
   */
  record EnumType(ClassName name, String origin, String description, List<Constant> constants)
      implements TypeDeclaration {

    public EnumType {
      constants = List.copyOf(constants);
    }
  }

  /**
   * One record component.
   *
   * @param javaName the component's Java name
   * @param jsonName the property name on the wire
   * @param type the component's type, boxed; {@link #javaType()} unboxes a required primitive
   * @param required whether the schema lists the property under {@code required}
   * @param nullable whether the schema allows {@code null}
   * @param constraints the validation keywords to check on construction
   */
  record Component(
      String javaName,
      String jsonName,
      TypeName type,
      boolean required,
      boolean nullable,
      String description,
      Constraints constraints) {

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
   */
  record Constraints(
      BigDecimal minimum,
      BigDecimal maximum,
      BigDecimal exclusiveMinimum,
      BigDecimal exclusiveMaximum,
      Integer minLength,
      Integer maxLength,
      String pattern,
      Integer minItems,
      Integer maxItems,
      String format) {

    static final Constraints NONE =
        new Constraints(null, null, null, null, null, null, null, null, null, null);

    /** Returns whether there is anything to check. */
    public boolean isEmpty() {
      return this.equals(NONE);
    }
  }
}
