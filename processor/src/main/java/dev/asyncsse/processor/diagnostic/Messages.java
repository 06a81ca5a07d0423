package dev.asyncsse.processor.diagnostic;

import dev.asyncsse.processor.read.SourcePosition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every message the processor reports.
 *
 * <p>Each message names the rule first, then the facts with names in quotes, then what to do.
 * Tests build the expected text from these methods, so wording changes in one place.
 */
public final class Messages {

  /** The compiler option that names an extra folder to look for documents in. */
  public static final String SPEC_DIR_OPTION = "asyncsse.specDir";

  /** The compiler option that lists what was generated. */
  public static final String VERBOSE_OPTION = "asyncsse.verbose";

  /** The AsyncAPI versions this processor reads. */
  public static final List<String> SUPPORTED_VERSIONS =
      List.of("2.0.x", "2.1.x", "2.2.x", "2.3.x", "2.4.x", "2.5.x", "2.6.x", "3.0.x", "3.1.x");

  /**
   * The maximum number of characters of a document value that a message quotes whole. Characters
   * are counted as Unicode code points, so a character outside the Basic Multilingual Plane counts
   * once and is never cut in half.
   */
  public static final int QUOTED_LENGTH = 60;

  private Messages() {}

  /**
   * Returns {@code text} in double quotes. A text longer than {@link #QUOTED_LENGTH} characters is
   * cut after that many, and its length follows, as in {@code "abc..." (75 characters)}.
   */
  public static String quote(String text) {
    int length = text.codePointCount(0, text.length());
    if (length <= QUOTED_LENGTH) {
      return whole(text);
    }
    return "\"" + escapeControls(startOf(text)) + "...\" (" + length + " characters)";
  }

  /** Returns {@code text} in double quotes, whole, with its control characters escaped. */
  private static String whole(String text) {
    return "\"" + escapeControls(text) + "\"";
  }

  /**
   * Returns {@code text} with each control character, line or paragraph separator written as a
   * JSON escape ({@code \n}, {@code \t}, {@code \u0000}), so that a document value can neither
   * split a compiler message into lines nor put raw bytes into the compiler's output.
   */
  public static String escapeControls(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (escaped == null && !control) {
        continue;
      }
      if (escaped == null) {
        escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (!control) {
        escaped.append(c);
      } else if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (c == '\t') {
        escaped.append("\\t");
      } else {
        escaped.append(String.format("\\u%04x", (int) c));
      }
    }
    return escaped == null ? text : escaped.toString();
  }

  /** Returns the first {@link #QUOTED_LENGTH} characters of {@code text}, or a shorter text. */
  public static String startOf(String text) {
    int length = text.codePointCount(0, text.length());
    return text.substring(0, text.offsetByCodePoints(0, Math.min(length, QUOTED_LENGTH)));
  }

  public static String documentNotFound(String path, String packageName, List<String> tried) {
    return "AsyncAPI document not found: "
        + whole(path)
        + " for package "
        + whole(packageName)
        + ". Looked in:\n  "
        + String.join("\n  ", tried)
        + "\nPut the file in one of these places (for Maven, next to the package under"
        + " src/main/java or src/main/resources), or pass -A"
        + SPEC_DIR_OPTION
        + "=DIR to name the folder that holds it.";
  }

  public static String emptyDocumentPath() {
    return "AsyncAPI document path is empty. Give the document's file name, such as"
        + " @AsyncApiSpec(\"asyncapi.yaml\").";
  }

  public static String emptyDocument() {
    return "AsyncAPI document is empty. Write an AsyncAPI document into this file.";
  }

  public static String syntaxError(boolean json, String problem) {
    String detail = problem.strip().replaceAll("\\s+", " ");
    return (json ? "Invalid JSON: " : "Invalid YAML: ")
        + detail
        + ". Fix the syntax at this position.";
  }

  public static String nestingTooDeep(int maxDepth) {
    return "Document nested too deeply: this object or array is nested more than "
        + maxDepth
        + " levels deep, the maximum the reader accepts. Move nested parts into components and"
        + " refer to them with $ref.";
  }

  public static String readFailed(String file, Exception e) {
    return "Cannot read " + whole(file) + ": " + escapeControls(String.valueOf(e.getMessage()))
        + ". Check that the file is readable.";
  }

  /** @param badByte the first byte that is not part of a UTF-8 character, from 0 to 255 */
  public static String notUtf8(String file, int badByte) {
    return "Document is not valid UTF-8: "
        + whole(file)
        + " has the byte "
        + String.format("0x%02X", badByte)
        + " here, which does not start or continue a UTF-8 character, and AsyncAPI documents are"
        + " read as UTF-8. Save the file as UTF-8.";
  }

  public static String referencedFileUnreadable(String file, Exception e) {
    return "$ref target file not readable: "
        + whole(file)
        + " ("
        + e.getClass().getSimpleName()
        + ": "
        + e.getMessage()
        + "). Check the path, which is relative to the file that holds the $ref.";
  }

  public static String duplicateKey(String key, SourcePosition first) {
    return "Duplicate key "
        + whole(key)
        + "; it was first defined at "
        + first
        + ". Remove or rename one of them.";
  }

  public static String yamlAlias() {
    return "YAML aliases (*name) are not supported. Write the value out, or use a $ref to it.";
  }

  public static String refNotString(String kind) {
    return "$ref must be a string, but it is "
        + article(kind)
        + ". Write it as a JSON pointer such as '#/components/schemas/Name'.";
  }

  public static String refNotPointer(String ref) {
    return "Invalid $ref "
        + quote(ref)
        + ": the part after '#' must be a JSON pointer starting with '/'."
        + " Write it such as '#/components/schemas/Name'.";
  }

  public static String remoteRef(String ref) {
    return "Remote $ref "
        + quote(ref)
        + " is not supported: the build does not fetch from the network."
        + " Download the file next to this document and refer to it by relative path.";
  }

  public static String refTargetMissing(String ref, String file) {
    return "$ref target not found: "
        + quote(ref)
        + " points at nothing in "
        + whole(file)
        + ". Point the $ref at an existing node, or add the missing component.";
  }

  /** @param steps the cycle's {@code $ref}s in order, the first repeated at the end */
  public static String refCycle(List<String> steps) {
    String factsAndFix = steps.size() == 2
        ? ". The $ref points at itself, so it never reaches a definition. Replace it with the"
            + " definition it should stand for."
        : ". Each of these $refs points at the next one, so none of them reaches a definition."
            + " Replace one of them with the definition it should stand for.";
    return "$ref cycle: " + String.join(" -> ", steps) + factsAndFix;
  }

  public static String rootNotObject(String kind) {
    return "AsyncAPI document must be an object, but its root is "
        + article(kind)
        + ". Start the document with 'asyncapi: 3.0.0'.";
  }

  public static String missingVersion() {
    return "Missing 'asyncapi' field: the document must declare its version. Add"
        + " 'asyncapi: 3.0.0' at the top.";
  }

  public static String unsupportedVersion(String version) {
    return "Unsupported AsyncAPI version "
        + quote(version)
        + ". Supported versions: "
        + String.join(", ", SUPPORTED_VERSIONS)
        + ". Set 'asyncapi' to the version the document follows, or convert the document to"
        + " AsyncAPI 3.";
  }

  public static String expectedKind(String field, String expected, String actual) {
    return "Invalid '"
        + field
        + "': expected "
        + expected
        + " but found "
        + article(actual)
        + ". Write it as "
        + expected
        + ".";
  }

  /**
   * @param owner the object the field belongs to, such as {@code server "production"}
   * @param found the value's JSON type and value, such as {@code the number 42}
   * @param fix what to write instead
   */
  public static String invalidFieldKind(
      String field, String owner, String found, String expected, String fix) {
    return "Invalid '"
        + field
        + "' of "
        + owner
        + ": it is "
        + found
        + " but must be "
        + expected
        + ". "
        + fix;
  }

  public static String invalidAddressKind(String channel, String found) {
    return invalidFieldKind(
        "address",
        "channel " + whole(channel),
        found,
        "a string or null",
        "Write the address as one string, quoted where YAML would read a number or boolean,"
            + " such as address: 'rooms/{roomId}', or write null for an address set at runtime.");
  }

  public static String invalidPayloadKind(String message, String found) {
    return invalidFieldKind(
        "payload",
        "message " + whole(message),
        found,
        "a JSON Schema, which is an object or a boolean",
        "Write the payload's schema as an object, such as payload: {type: string}, or write"
            + " true to accept any JSON value.");
  }

  public static String componentSchemaKind(String key, String found) {
    return invalidFieldKind(
        escapeControls(key),
        "components/schemas",
        found,
        "a JSON Schema, which is an object or a boolean",
        "Write the schema as an object, such as " + escapeControls(key) + ": {type: string}, write true to accept"
            + " any JSON value, or remove the entry.");
  }

  public static String invalidHeadersKind(String message, String found) {
    return invalidFieldKind(
        "headers",
        "message " + whole(message),
        found,
        "a schema object of type object",
        "Write the headers as an object schema, such as headers: {type: object, properties:"
            + " {x-trace-id: {type: string}}}, or remove the field.");
  }

  public static String operationChannelNotRef(String operation, String found) {
    return invalidFieldKind(
        "channel",
        "operation " + whole(operation),
        found,
        "a Reference Object",
        "Point it at a channel with $ref, such as channel: {$ref: '#/channels/userSignups'}.");
  }

  public static String missingOperationAction(String operation) {
    return "Missing 'action' in operation "
        + whole(operation)
        + ". Add action: send when the application sends the operation's messages, or action:"
        + " receive when it receives them.";
  }

  public static String invalidOperationAction(String operation, String found) {
    return "Invalid 'action' of operation "
        + whole(operation)
        + ": it is "
        + found
        + " but must be send or receive. Write action: send when the application sends the"
        + " operation's messages and action: receive when it receives them; AsyncAPI 2's"
        + " subscribe becomes send, and publish becomes receive.";
  }

  public static String operationMessageNotRef(String operation, String found) {
    return "Invalid item in 'messages' of operation "
        + whole(operation)
        + ": it is "
        + found
        + " but must be a Reference Object. Point it at a message of the operation's channel with"
        + " $ref, such as {$ref: '#/channels/userSignups/messages/userSignedUp'}.";
  }

  public static String missingField(String owner, String field) {
    return "Missing '" + field + "' in " + owner + ". Add it.";
  }

  public static String emptyField(String owner, String field) {
    return "Empty '" + field + "' in " + owner + ". Give it a value.";
  }

  private static String article(String kind) {
    return ("aeiou".indexOf(kind.isEmpty() ? 'x' : kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
  }

  public static String undeclaredParameter(String channel, String parameter) {
    return "Channel "
        + whole(channel)
        + " uses '{"
        + parameter
        + "}' in its address but does not declare it under 'parameters'; it is generated"
        + " as a string parameter. Declare it to document it.";
  }

  public static String unusedParameter(String channel, String parameter) {
    return "Channel "
        + whole(channel)
        + " declares parameter "
        + whole(parameter)
        + " that its address does not use. Add '{"
        + parameter
        + "}' to the address or remove the parameter.";
  }

  public static String unsupportedParameterType(String channel, String parameter, String type) {
    return "Parameter "
        + whole(parameter)
        + " of channel "
        + whole(channel)
        + " has type "
        + quote(type)
        + ", which a path segment cannot carry as such; it is generated as a string parameter."
        + " Use type string, integer or number.";
  }

  /**
   * Returns the message for a parameter's {@code pattern} that is not valid ECMA-262 or has no
   * java.util.regex translation. An {@code index} of -1 means the construct at fault is not known.
   */
  public static String invalidParameterPattern(
      String channel, String parameter, String pattern, int index, String reason, String fix) {
    return "Invalid pattern "
        + quote(pattern)
        + atIndex(index)
        + " of parameter "
        + whole(parameter)
        + " in channel "
        + whole(channel)
        + ": "
        + reason
        + ". "
        + fix;
  }

  public static String nullAddress(String channel) {
    return "Channel "
        + whole(channel)
        + " has address null, which AsyncAPI 3 defines as unknown or set at runtime, so no"
        + " client or server is generated for it. Give it an address to serve it over SSE.";
  }

  public static String invalidAddress(String channel, String address, String reason) {
    return "Invalid address "
        + whole(address)
        + " for channel "
        + whole(channel)
        + ": "
        + escapeControls(reason)
        + ". Write the address as a path with parameters such as rooms/{roomId}/messages.";
  }

  public static String unsupportedSchemaFormat(String format, String message) {
    return "Unsupported schemaFormat "
        + quote(format)
        + " in message "
        + whole(message)
        + ". Only JSON Schema and AsyncAPI schema formats are read; describe the payload"
        + " with a JSON Schema.";
  }

  public static String invalidEventName(String eventName, int index) {
    return "Invalid SSE event name "
        + quote(eventName)
        + ": it contains "
        + (eventName.charAt(index) == '\0' ? "NUL" : eventName.charAt(index) == '\r' ? "CR" : "LF")
        + " at index "
        + index
        + ", which an event: line cannot hold. Remove it from the message's name, or from"
        + " its id when the message has no name.";
  }

  public static String schemaFallback(String construct, String typeName) {
    return "Schema construct '"
        + construct
        + "' is not mapped to a Java type yet; "
        + whole(typeName)
        + " uses Jackson's JsonNode for it. Replace it with an object, array or"
        + " primitive schema to get a typed value.";
  }

  /** @param steps the schemas from the outer one to its copy inside itself */
  public static String schemaContainsItself(List<String> steps) {
    return "Schema contains itself without an object with properties in between: "
        + String.join(" -> ", steps)
        + ". No Java type can nest itself this way, so the inner copy uses Jackson's JsonNode."
        + " Give one of these schemas properties to make it a record.";
  }

  public static String schemaTooDeep(String outermost, int maxDepth) {
    return "Schema nested too deeply: this schema is more than "
        + maxDepth
        + " steps deep inside "
        + whole(outermost)
        + ", counting each schema under properties, items, additionalProperties, allOf, oneOf"
        + " or anyOf as one step; a $ref adds none."
        + " Schemas this deep overflow the stack of javac or of the processor. Flatten the"
        + " schema, or replace a nested part with {} (any JSON value) or with x-java-type naming"
        + " an existing class.";
  }

  /** The fix for a too long type name that a schema or a message gives. */
  public static final String SCHEMA_NAME_FIX = "An inline schema's type is named after its owner"
      + " and property. Give this schema, or a schema around it, a shorter name with x-java-name.";

  /** The fix for a too long entry point type name. */
  public static final String TITLE_NAME_FIX = "The entry point type and its nested types are"
      + " named after info.title. Shorten the title.";

  /** The fix for a too long name of a type nested in a record, such as its builder. */
  public static final String NESTED_SCHEMA_NAME_FIX = "A record's nested types, such as its"
      + " Builder, are named after the record, and the record after its schema. Give this schema"
      + " a shorter name with x-java-name.";

  /** The fix for a too long name of a channel client's nested type for one message. */
  public static final String MESSAGE_NAME_FIX = "The client of a channel with several messages"
      + " has one nested type per message, named after the channel id and the message id. Shorten"
      + " the message id (its key, or its messageId in AsyncAPI 2) or the channel id.";

  /** The fix for a too long name of a nested enum of a parameter. */
  public static final String PARAMETER_NAME_FIX = "A parameter with enum values becomes an enum"
      + " nested in the channel's parameters type, named after the channel id and the parameter"
      + " name. Shorten the parameter name, in the address too, or the channel id.";

  /** The fix for a too long type name whose source in the document is not known. */
  public static final String GENERATED_NAME_FIX = "The name is made of names in the document,"
      + " such as info.title, a channel id, a message id or a schema's name. Shorten the longest"
      + " of them.";

  /** The fix for a too long channel client, server or parameters type name. */
  public static final String CHANNEL_NAME_FIX = "The channel's client, server and parameters"
      + " types and the types nested in them are named after its channel id. Shorten the channel"
      + " id.";

  /**
   * Returns the message for a type name over the limit. The name is shown by its first and last
   * 40 characters, so that the part that a nested type adds, such as {@code $Event$Tick}, shows.
   *
   * @param name the simple name, or {@code Outer$Inner} for a nested type
   * @param length the name's length in UTF-8 bytes
   * @param fix what names the type and how to shorten it, such as {@link #TITLE_NAME_FIX}
   */
  public static String typeNameTooLong(String name, int length, int maxLength, String fix) {
    int characters = name.codePointCount(0, name.length());
    String shown = characters <= 80
        ? name
        : name.substring(0, name.offsetByCodePoints(0, 40))
            + "..."
            + name.substring(name.offsetByCodePoints(name.length(), -40));
    return "Generated type name too long: the type generated here would be named "
        + whole(shown)
        + ", "
        + length
        + " bytes long in UTF-8, and the processor allows at most "
        + maxLength
        + " because javac writes each type to files named after it. "
        + fix;
  }

  public static String unknownSchemaType(String type) {
    return "Unknown schema type "
        + quote(type)
        + ": JSON Schema defines string, number, integer, boolean, object, array and null."
        + " Correct the spelling, or remove 'type' to allow any value.";
  }

  /**
   * Returns the message for a schema's {@code pattern} that is not valid ECMA-262 or has no
   * java.util.regex translation. An {@code index} of -1 means the construct at fault is not known.
   */
  public static String invalidSchemaPattern(
      String pattern, int index, String reason, String fix) {
    return "Invalid pattern " + quote(pattern) + atIndex(index) + ": " + reason + ". " + fix;
  }

  /**
   * Returns the message for a {@code patternProperties} key that is not a valid ECMA-262 pattern
   * or has no java.util.regex translation. An {@code index} of -1 means the construct at fault is
   * not known.
   */
  public static String invalidPatternPropertiesKey(
      String pattern, int index, String reason, String fix) {
    return "Invalid patternProperties key " + quote(pattern) + atIndex(index) + ": " + reason
        + ". " + fix;
  }

  private static String atIndex(int index) {
    return index < 0 ? "" : " at index " + index;
  }

  public static String invalidCount(String keyword, String value) {
    return "Invalid '"
        + keyword
        + "' "
        + value
        + ": it must be a non-negative integer. Use 0 or more, or remove the keyword.";
  }

  public static String emptyRange(
      String lowerKeyword, String lower, String upperKeyword, String upper) {
    return "Empty range: '"
        + lowerKeyword
        + "' "
        + lower
        + " and '"
        + upperKeyword
        + "' "
        + upper
        + " leave no valid value, so every value would be rejected. Swap or correct the bounds.";
  }

  public static String invalidMultipleOf(String value) {
    return "Invalid 'multipleOf' "
        + value
        + ": it must be a number greater than 0. Give a positive divisor, or remove the keyword.";
  }

  public static String invalidKeywordKind(String keyword, String found, String expected) {
    return "Invalid '"
        + keyword
        + "': it is "
        + found
        + " but must be "
        + expected
        + ". Write "
        + expected
        + ", or remove the keyword.";
  }

  public static String referencedSchemaKind(String ref, String found) {
    return "Invalid schema: the $ref "
        + quote(ref)
        + " points at "
        + found
        + ", but a schema must be an object or a boolean. Point the $ref at a schema, or write"
        + " the schema here as an object such as {type: string}.";
  }

  /** @param target what the $ref points at instead of a schema, such as {@code channel "ticks"} */
  public static String refNotSchema(String ref, String target) {
    return "Invalid schema: the $ref "
        + quote(ref)
        + " points at "
        + target
        + ", which is not a schema. Schemas live under components/schemas, inside a message's"
        + " payload or headers, or in a separate file. Point the $ref at a schema, such as"
        + " '#/components/schemas/Name' or 'schemas.yaml#/Name', or write the schema here.";
  }

  public static String invalidKeywordItem(String keyword, String found, String expected) {
    return "Invalid item in '"
        + keyword
        + "': it is "
        + found
        + " but must be "
        + expected
        + ". Write "
        + expected
        + ", or remove the item.";
  }

  public static String exclusiveFlagWithoutBound(String flag, String bound) {
    return "'"
        + flag
        + ": true' has no effect without '"
        + bound
        + "', which it makes exclusive in the draft 4 form. Add '"
        + bound
        + "', or give '"
        + flag
        + "' the bound as a number.";
  }

  /** @param parts each part's types with its place, such as {@code string (allOf[0])} */
  public static String allOfTypeConflict(List<String> parts) {
    String listed = parts.size() == 1
        ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
            + parts.get(parts.size() - 1);
    return "Conflicting types in 'allOf': no JSON value is "
        + listed
        + " at once, so every value would be rejected. Correct the type that is wrong, or use"
        + " 'oneOf' or 'anyOf' when a value may have either type.";
  }

  public static String allOfFormatConflict(List<String> parts) {
    return "Conflicting formats in 'allOf': no string is a valid "
        + String.join(" and ", parts)
        + " at once, so every value would be rejected. Correct the format that is wrong, or use"
        + " 'oneOf' or 'anyOf' when a value may have either format.";
  }

  public static String allOfFormatNotChecked(String unchecked, String checked) {
    return "Format " + unchecked + " in 'allOf' is not checked, because the value is checked as "
        + checked + " and the generated type checks one format. Check the other format in your"
        + " own code, or remove one of them.";
  }

  public static String allOfValueConflict(List<String> parts) {
    String listed = parts.size() == 1
        ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
            + parts.get(parts.size() - 1);
    return "Conflicting values in 'allOf': no value of the merged type is allowed by "
        + listed
        + " at once, so every value would be rejected. Correct the value that is wrong, or use"
        + " 'oneOf' or 'anyOf' when a value may match either.";
  }

  public static String tooFewPositionalItems(String minItems, String keyword, int limit) {
    String rule;
    if (keyword.equals("additionalItems")) {
      rule = "is above the maximum length " + limit
          + " that a list of 'items' sets with 'additionalItems: false'";
    } else if (limit == 0) {
      rule = "asks for items, but 'items: false' without 'prefixItems' allows none";
    } else {
      rule = "is above the maximum length " + limit
          + " that 'prefixItems' sets with 'items: false'";
    }
    return "Empty range: 'minItems' "
        + minItems
        + " "
        + rule
        + ", so every array would be rejected. Lower 'minItems', or allow more items.";
  }

  public static String constTypeMismatch(String value, String type) {
    return "Invalid 'const': "
        + value
        + " is not of the declared type "
        + type
        + ", so every value would be rejected. Change the value, or add its type to 'type'.";
  }

  public static String int32EnumValueOutOfRange(String value) {
    return "Enum value "
        + value
        + " is outside the int32 range of 'format: int32', so no valid value can equal it and"
        + " only the other values are allowed. Remove it, or use 'format: int64'.";
  }

  /** @param large whether the number is too large, else it is too close to 0 */
  public static String numberBeyondDoubleRange(String keyword, String value, boolean large) {
    return "Number beyond the range of a double in '"
        + keyword
        + "': "
        + value
        + (large
            ? " is larger in magnitude than 1.7976931348623157E308, so decoding rejects it"
            : " is not 0 but closer to 0 than 4.9E-324, so decoding reads it as 0")
        + " and no value can equal it. Write a number that a double can represent.";
  }

  /** @param range {@code int} for an integer without format, or {@code int64} */
  public static String constOutOfIntegerRange(String value, String range) {
    return "Invalid 'const': "
        + value
        + " is outside the range of "
        + integerTypeOf(range)
        + ", so every value would be rejected. "
        + integerRangeFix(range);
  }

  /** @param range {@code int} for an integer without format, or {@code int64} */
  public static String enumValueOutOfIntegerRange(String value, String range) {
    return "Enum value "
        + value
        + " is outside the range of "
        + integerTypeOf(range)
        + ", so no valid value can equal it and only the other values are allowed. "
        + integerRangeFix(range);
  }

  private static String integerTypeOf(String range) {
    return range.equals("int64")
        ? "Long, the Java type of 'format: int64'"
        : "Integer, the Java type of an integer without 'format: int64'";
  }

  private static String integerRangeFix(String range) {
    return range.equals("int64")
        ? "Change the value: no Java integer type that the processor maps to holds it."
        : "Add 'format: int64' to map the schema to Long, or change the value.";
  }

  public static String unknownJavaType(String value) {
    return "Unknown x-java-type "
        + quote(value)
        + ": no class of that name is on the compile classpath or in the compiled sources."
        + " Add the dependency that contains it, or correct the name.";
  }

  public static String emptyEnum() {
    return "Empty 'enum': JSON Schema requires at least one value, and an empty enum rejects"
        + " every value. List the allowed values, or remove the keyword.";
  }

  public static String enumWithoutDeclaredType(String type) {
    return "No 'enum' value is of the declared type "
        + type
        + ", so every value would be rejected. Quote the values if they are strings, or"
        + " correct 'type'.";
  }

  public static String enumValueTypeMismatch(String value, String type) {
    return "Enum value "
        + value
        + " is not of the declared type "
        + type
        + ", so no valid value can equal it and only the other values are allowed."
        + " Remove it, quote it, or add its type to 'type'.";
  }

  public static String unknownFormat(String format, String type, List<String> supported) {
    return "Unknown format "
        + quote(format)
        + " for type "
        + type
        + "; the value is not checked against it. "
        + (supported.isEmpty()
            ? "No format of type " + type + " changes the generated code"
            : "Formats of type " + type + " that the generated code uses: "
                + String.join(", ", supported))
        + ". Correct the spelling, or remove the format.";
  }

  public static String requiredPropertyMissing(String property, String schema) {
    return "Required property "
        + whole(property)
        + " is not declared under 'properties' of "
        + whole(schema)
        + ", so a valid message must carry a property the generated type cannot hold."
        + " Declare the property, or remove it from 'required'.";
  }

  public static String propertyNameCollision(
      String owner, String javaName, String first, String second, String used) {
    return "Name collision: properties "
        + whole(first)
        + " and "
        + whole(second)
        + " of "
        + whole(owner)
        + " both map to Java component "
        + whole(javaName)
        + "; "
        + whole(first)
        + " is generated as "
        + whole(javaName)
        + " and "
        + whole(second)
        + " as "
        + whole(used)
        + ". Set x-java-name on a property to choose its name yourself.";
  }

  public static String parameterEnumNull(String channel, String parameter) {
    return "Enum value null of parameter "
        + whole(parameter)
        + " in channel "
        + whole(channel)
        + " is dropped: a path segment is never null. Remove it.";
  }

  public static String parameterEnumNotString(String channel, String parameter, String value) {
    return "Enum value "
        + value
        + " of parameter "
        + whole(parameter)
        + " in channel "
        + whole(channel)
        + " is not a string; it is allowed as the text "
        + whole(value)
        + ". Quote it.";
  }

  public static String parameterEnumDuplicate(String channel, String parameter, String value) {
    return "Duplicate enum value "
        + quote(value)
        + " of parameter "
        + whole(parameter)
        + " in channel "
        + whole(channel)
        + " is dropped; JSON Schema says enum values should be unique. Remove the duplicate.";
  }

  public static String v3ParameterSchema(String channel, String parameter) {
    return "Parameter "
        + whole(parameter)
        + " of channel "
        + whole(channel)
        + " has a 'schema' field, which AsyncAPI 3 parameter objects do not define; the"
        + " processor reads it as AsyncAPI 2 does, for the Java type and the checks. Move"
        + " 'enum', 'default' and 'description' onto the parameter itself, or keep 'schema' for"
        + " a typed parameter.";
  }

  public static String nameCollision(String javaName, String first, String second, String used) {
    return "Name collision: "
        + first
        + " and "
        + second
        + " both map to Java type "
        + whole(javaName)
        + "; the second is generated as "
        + whole(used)
        + ". Rename one of them to choose the names yourself.";
  }

  public static String invalidJavaType(String value) {
    return "Invalid x-java-type "
        + quote(value)
        + ": it must be a qualified Java class name such as java.util.UUID."
        + " Write the class's full name, without type arguments.";
  }

  public static String defaultBreaksRule(String property, String value, String rule) {
    return "Unusable default "
        + value
        + " for property "
        + whole(property)
        + ": it breaks the property's own rule "
        + rule
        + ", so the property has no default. Change the default to a value that meets the rule.";
  }

  public static String defaultNotApplied(String property, String value, String javaType) {
    return "Default "
        + value
        + " for property "
        + whole(property)
        + " is not applied, because its Java type "
        + javaType
        + " is a record, union or nested collection, which the record would have to decode from"
        + " JSON each time it is created. Remove the default, or set the value in the code that"
        + " creates the record.";
  }

  public static String defaultOnNullable(String property, String value) {
    return "Default "
        + value
        + " for property "
        + whole(property)
        + " is not applied, because the property allows null and a record cannot tell an"
        + " absent property from an explicit null, so every null would become the default."
        + " Remove the default, or remove null from the property's type.";
  }

  public static String defaultIgnored(String property, String value, String javaType) {
    return "Unusable default "
        + value
        + " for property "
        + whole(property)
        + ": it is not a value of its Java type "
        + javaType
        + ", so the property has no default. Give a default of the property's own type.";
  }

  public static String enumNamesCount(int names, int values) {
    return "x-java-enum-names lists "
        + names
        + " names for "
        + values
        + " enum values. Give exactly one name per value, in the same order.";
  }

  public static String pathnameWithoutSlash(String server, String pathname, String corrected) {
    return "Server "
        + whole(server)
        + " has the pathname "
        + whole(pathname)
        + ", which does not start with /, so it is read as "
        + whole(corrected)
        + ". Write the pathname with its leading slash.";
  }

  public static String invalidHttpMethod(String method) {
    return "Invalid HTTP method "
        + quote(method)
        + " in bindings.http.method: an HTTP method is a token (RFC 9110), one or more ASCII"
        + " letters, digits or !#$%&'*+-.^_`|~, with no spaces or other characters, so no request"
        + " can send it."
        + " Write the method name alone, such as GET or POST.";
  }

  public static String unsupportedHttpMethod(String method, String operation) {
    return "Unsupported HTTP method "
        + whole(method)
        + " in bindings.http.method of operation "
        + whole(operation)
        + ": an event stream is opened with a method token whose response carries a body, not"
        + " HEAD, CONNECT, TRACE or OPTIONS, so the generated client and server ignore it. Set the"
        + " method to GET or POST, or remove it.";
  }

  public static String conflictingHttpMethods(
      String channel, String firstOperation, String firstMethod, String operation, String method) {
    return "Conflicting HTTP methods for channel "
        + whole(channel)
        + ": operation "
        + whole(firstOperation)
        + " sets bindings.http.method "
        + firstMethod
        + " and operation "
        + whole(operation)
        + " sets "
        + method
        + ", but one event stream is opened with one method. Give every operation on the channel"
        + " the same method, or move the operations to separate channels.";
  }

  public static String differentChannelHeaders(String channel, List<String> messages) {
    return "Different headers schemas on one channel: the messages "
        + messages.stream().map(Messages::whole).collect(Collectors.joining(", "))
        + " of channel "
        + whole(channel)
        + " declare different headers schemas, so the channel gets no typed request headers and"
        + " its server checks none of them. Give these messages one headers schema (the same $ref"
        + " or the same content), or send the headers with ClientBuilder.header and check them in"
        + " the server's handler.";
  }

  public static String invalidHeaderName(String name, String message, String reason) {
    return "Invalid request header name "
        + whole(name)
        + " in the headers of message "
        + whole(message)
        + ": "
        + escapeControls(reason)
        + ", so the channel gets no typed request headers. Rename the property to a header name"
        + " of letters, digits and !#$%&'*+-.^_`|~ that java.net.http may send.";
  }

  /**
   * @param reached the document position the processor was working on, or {@code null} when it
   *     failed before reading the document
   */
  public static String internalError(String where, SourcePosition reached, Throwable e) {
    return "Internal error in the asyncsse processor while processing "
        + where
        + (reached == null ? "" : " at " + reached)
        + ": "
        + escapeControls(e.toString())
        + ". This is a bug in asyncsse; please report it with the document.";
  }
}
