package dev.asyncsse.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type such as {@code List<String>}, which a {@code Class} cannot express.
 *
 * <p>Create it as an anonymous subclass: {@code new TypeToken<List<String>>() {}}.
 *
 * @param <T> the captured type
 */
public abstract class TypeToken<T> {

  private final Type type;

  /**
   * Captures the type argument of the anonymous subclass.
   *
   * @throws IllegalStateException when the subclass does not give a type argument
   */
  protected TypeToken() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException(
          "TypeToken needs a type argument, such as new TypeToken<List<String>>() {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  /** Returns the captured type. */
  public final Type type() {
    return type;
  }
}
