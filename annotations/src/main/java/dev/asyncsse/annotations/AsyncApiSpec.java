package dev.asyncsse.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the AsyncAPI document that the asyncsse annotation processor generates code from.
 *
 * <p>Put it on a {@code package-info.java}:
 *
 * <pre>{@code
 * @AsyncApiSpec("asyncapi.yaml")
 * package com.acme.accounts.events;
 * }</pre>
 *
 * <p>The processor then writes, into the annotated package, one record per payload schema, one
 * SSE client class and one SSE server class per channel, and one entry class for the document.
 *
 * <p>The processor looks for the document in these places, in order, and uses the first file that
 * exists:
 *
 * <ol>
 *   <li>the annotated package's folder on the source path, for example {@code
 *       src/main/java/com/acme/accounts/events/asyncapi.yaml};
 *   <li>the root of the source path, where {@code value} is relative to it;
 *   <li>the annotated package's folder, then the root, in the class output, where Maven has
 *       already copied {@code src/main/resources};
 *   <li>the same two places on the class path;
 *   <li>the folder given with the compiler option {@code -Aasyncsse.specDir=DIR}, needed with
 *       Gradle because it passes an empty source path.
 * </ol>
 *
 * <p>When none of them contains the file, compilation fails with one error that lists every place
 * tried.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.PACKAGE)
public @interface AsyncApiSpec {

  /**
   * Path of the AsyncAPI document (YAML or JSON), relative to the annotated package or to one of
   * the roots listed on this annotation.
   */
  String value();

  /** Whether to generate the payload, header and parameter types. */
  boolean payloads() default true;

  /**
   * Whether to generate the SSE client classes. A client needs the payload types, so this turns on
   * {@link #payloads()} as well.
   */
  boolean client() default true;

  /**
   * Whether to generate the SSE server classes. A server needs the payload types, so this turns on
   * {@link #payloads()} as well.
   */
  boolean server() default true;
}
