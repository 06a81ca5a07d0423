package dev.asyncsse.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A channel address used as an HTTP path, with {@code {name}} parameters, such as {@code
 * smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured}.
 *
 * <p>The template is always an absolute path, and a leading {@code /} is optional. A template that
 * is a whole URL, such as {@code https://example.com/books/{id}}, stands for its path ({@code
 * /books/{id}}): the scheme and authority name the server, which the base URI of a client and the
 * {@code HttpServer} of a server decide. Literal text is
 * written in decoded form: {@link #expand} percent-encodes it where a URI path requires, and {@link
 * #match} compares it with the request path after undoing percent-encoding of unreserved
 * characters. A parameter matches one non-empty path segment or a non-empty part of one, so its raw
 * value never contains {@code /} (an encoded {@code %2F} is allowed and decodes to {@code /}).
 * Parameter names are made of ASCII letters, digits, {@code _} and {@code -}, as AsyncAPI requires.
 *
 * <p>Instances are immutable and thread-safe. Two templates are equal when they describe the same
 * path with the same parameter names.
 */
public final class PathTemplate {

  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

  /** A URI scheme and authority as RFC 3986 writes them, up to the path. */
  private static final Pattern SCHEME_AND_AUTHORITY =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*://[^/?#]*");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String template;
  private final String path;
  private final List<String> parameterNames;
  private final List<Part> parts;
  private final Pattern pattern;

  private PathTemplate(String template, String path, List<Part> parts) {
    this.template = template;
    this.path = path;
    this.parts = List.copyOf(parts);
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    for (Part part : parts) {
      if (part.isParameter()) {
        names.add(part.text());
        regex.append("([^/]+)");
      } else {
        regex.append(Pattern.quote(encode(part.text(), true)));
      }
    }
    this.parameterNames = List.copyOf(names);
    this.pattern = Pattern.compile(regex.toString());
  }

  /**
   * Parses a template.
   *
   * @param template the path, with or without a leading {@code /}, or a URL whose path is used,
   *     with parameters written as {@code {name}}
   * @throws IllegalArgumentException when the template is a URL with a parameter before its path,
   *     or contains {@code ?} or {@code #}, an unbalanced brace, an invalid or repeated parameter
   *     name, or two parameters with no literal text between them
   */
  public static PathTemplate parse(String template) {
    Objects.requireNonNull(template, "template");
    String path = pathOf(template);
    List<Part> parts = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '?' || c == '#') {
        throw invalid(template, "'" + c + "' at index " + i + " is not allowed in a path");
      }
      if (c == '}') {
        throw invalid(template, "'}' at index " + i + " has no matching '{'");
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }

      int end = path.indexOf('}', i);
      if (end < 0) {
        throw invalid(template, "'{' at index " + i + " has no matching '}'");
      }
      String name = path.substring(i + 1, end);
      if (!PARAMETER_NAME.matcher(name).matches()) {
        throw invalid(
            template,
            "parameter name \""
                + name
                + "\" must be non-empty and contain only letters, digits, '_' and '-'");
      }
      if (!seen.add(name)) {
        throw invalid(template, "parameter \"" + name + "\" appears more than once");
      }
      if (literal.length() == 0 && !parts.isEmpty()) {
        throw invalid(
            template,
            "parameters {"
                + parts.get(parts.size() - 1).text()
                + "} and {"
                + name
                + "} must be separated by literal text");
      }
      if (literal.length() > 0) {
        parts.add(new Part(literal.toString(), false));
        literal.setLength(0);
      }
      parts.add(new Part(name, true));
      i = end + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), false));
    }
    return new PathTemplate(template, path, parts);
  }

  /**
   * Returns this template below {@code basePath}: {@code /v1} and {@code /rooms/{roomId}} give
   * {@code /v1/rooms/{roomId}}. The base path is literal, decoded text, so braces in it are not
   * parameters, and trailing slashes are dropped. An empty base path or {@code /} returns this
   * template.
   *
   * @throws IllegalArgumentException when {@code basePath} is not empty and does not start with
   *     {@code /}, or contains {@code ?} or {@code #}
   */
  public PathTemplate withBasePath(String basePath) {
    Objects.requireNonNull(basePath, "basePath");
    String base = basePath;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.isEmpty()) {
      return this;
    }
    if (!base.startsWith("/") || base.indexOf('?') >= 0 || base.indexOf('#') >= 0) {
      throw new IllegalArgumentException(
          "Invalid base path \""
              + basePath
              + "\": it must start with '/' and contain no '?' or '#', such as /v1");
    }
    List<Part> prefixed = new ArrayList<>(parts.size() + 1);
    // The path starts with '/', so its first part is literal text that the base path joins.
    prefixed.add(new Part(base + parts.get(0).text(), false));
    prefixed.addAll(parts.subList(1, parts.size()));
    return new PathTemplate(base + path, base + path, prefixed);
  }

  /** Returns the parameter names in the order they appear. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /**
   * Returns the decoded literal path up to the first parameter, starting with {@code /}; for a
   * template without parameters, the whole path.
   */
  public String literalPrefix() {
    int brace = path.indexOf('{');
    return brace < 0 ? path : path.substring(0, brace);
  }

  /**
   * Builds a raw path by percent-encoding each value as UTF-8. In values only the RFC 3986
   * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are kept, so a value stays within its
   * segment even when it contains {@code /}. Values whose names are not parameters are ignored.
   *
   * @throws IllegalArgumentException when a parameter has no value or an empty value, or a value
   *     contains an unpaired surrogate
   */
  public String expand(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    StringBuilder raw = new StringBuilder(path.length() + 16);
    for (Part part : parts) {
      if (!part.isParameter()) {
        raw.append(encode(part.text(), true));
        continue;
      }
      String value = values.get(part.text());
      if (value == null) {
        throw new IllegalArgumentException(
            "Missing value for path parameter \"" + part.text() + "\" of " + path);
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException(
            "Empty value for path parameter \""
                + part.text()
                + "\" of "
                + path
                + "; a path parameter must not be empty");
      }
      raw.append(encode(value, false));
    }
    return raw.toString();
  }

  /**
   * Matches a raw request path, as returned by {@link java.net.URI#getRawPath()}, and returns the
   * percent-decoded parameter values by name, in template order.
   *
   * <p>The path matches when its literal text equals the template's after percent-encoding is
   * normalized (hex case, encoded unreserved characters) and every parameter has a non-empty value.
   * A path with a malformed percent-encoding, or a value that is not valid UTF-8 once decoded, does
   * not match. {@code +} is kept as is, because it means a space only in query strings.
   */
  public Optional<Map<String, String>> match(String rawPath) {
    Objects.requireNonNull(rawPath, "rawPath");
    Optional<String> canonical = normalize(rawPath);
    if (canonical.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(canonical.get());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < parameterNames.size(); i++) {
      Optional<String> value = decode(matcher.group(i + 1));
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values.put(parameterNames.get(i), value.get());
    }
    return Optional.of(Collections.unmodifiableMap(values));
  }

  /** Returns the template as it was given to {@link #parse}. */
  @Override
  public String toString() {
    return template;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PathTemplate && ((PathTemplate) other).path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  /** Returns the template's path with a leading {@code /}, without a URL's scheme and authority. */
  private static String pathOf(String template) {
    Matcher url = SCHEME_AND_AUTHORITY.matcher(template);
    boolean isUrl = url.lookingAt();
    if (isUrl && url.group().indexOf('{') >= 0) {
      throw invalid(template, "a parameter in the scheme or host is not allowed, because only the"
          + " path is matched and expanded");
    }
    String path = isUrl ? template.substring(url.end()) : template;
    return path.startsWith("/") ? path : "/" + path;
  }

  private static IllegalArgumentException invalid(String template, String reason) {
    return new IllegalArgumentException("Invalid path template \"" + template + "\": " + reason);
  }

  /** A piece of the template: literal text, or a parameter whose text is its name. */
  private record Part(String text, boolean isParameter) {}

  /**
   * Percent-encodes {@code text} as UTF-8. Unreserved characters are always kept; for literal path
   * text the sub-delimiters, {@code :}, {@code @} and {@code /} are kept as well.
   */
  private static String encode(String text, boolean literalPath) {
    byte[] bytes;
    try {
      ByteBuffer buffer =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "Cannot encode \"" + text + "\" in a path: it contains an unpaired surrogate", e);
    }
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int value = b & 0xFF;
      if (isUnreserved(value) || (literalPath && isPathDelimiter(value))) {
        out.append((char) value);
      } else {
        appendEscape(out, value);
      }
    }
    return out.toString();
  }

  /**
   * Rewrites a raw path into the form {@link #encode} produces for literals: encoded unreserved
   * characters are decoded, other escapes get upper-case hex, and characters a raw path should not
   * contain literally are encoded. Returns empty for a malformed escape.
   */
  private static Optional<String> normalize(String rawPath) {
    StringBuilder out = new StringBuilder(rawPath.length());
    int i = 0;
    while (i < rawPath.length()) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        int value = hexByte(rawPath, i + 1);
        if (value < 0) {
          return Optional.empty();
        }
        if (isUnreserved(value)) {
          out.append((char) value);
        } else {
          appendEscape(out, value);
        }
        i += 3;
      } else if (c < 0x80 && (isUnreserved(c) || isPathDelimiter(c))) {
        out.append(c);
        i++;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < rawPath.length() ? i + 2 : i + 1;
        for (byte b : rawPath.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          appendEscape(out, b & 0xFF);
        }
        i = end;
      }
    }
    return Optional.of(out.toString());
  }

  /** Decodes every escape of a normalized value as UTF-8; empty when the bytes are not UTF-8. */
  private static Optional<String> decode(String normalized) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(normalized.length());
    int i = 0;
    while (i < normalized.length()) {
      char c = normalized.charAt(i);
      if (c == '%') {
        bytes.write(hexByte(normalized, i + 1));
        i += 3;
      } else {
        bytes.write(c);
        i++;
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Returns the byte written as two hex digits at {@code index}, or -1 when there are none. */
  private static int hexByte(String text, int index) {
    if (index + 2 > text.length()) {
      return -1;
    }
    int high = Character.digit(text.charAt(index), 16);
    int low = Character.digit(text.charAt(index + 1), 16);
    if (high < 0 || low < 0 || text.charAt(index) > 0x7F || text.charAt(index + 1) > 0x7F) {
      return -1;
    }
    return high * 16 + low;
  }

  private static void appendEscape(StringBuilder out, int value) {
    out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** Returns true for the sub-delimiters, {@code :}, {@code @} and {@code /}. */
  private static boolean isPathDelimiter(int c) {
    return "!$&'()*+,;=:@/".indexOf(c) >= 0;
  }
}
