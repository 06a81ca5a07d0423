package dev.asyncsse.processor.read;

import java.net.URI;

/**
 * A document file that has been read.
 *
 * @param name the name used in messages: the path the user wrote, or the path of a referenced
 *     file relative to the main document
 * @param uri where the file was read from; relative {@code $ref}s resolve against it
 */
public record DocumentFile(String name, URI uri) {}
