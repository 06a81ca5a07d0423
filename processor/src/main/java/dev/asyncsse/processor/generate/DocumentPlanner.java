package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.generate.DocumentPlan.MessagePlan;
import dev.asyncsse.processor.generate.DocumentPlan.Parts;
import dev.asyncsse.processor.model.ApiModel;
import dev.asyncsse.processor.model.ChannelModel;
import dev.asyncsse.processor.model.MessageModel;
import dev.asyncsse.processor.model.RequestValuesModel;
import dev.asyncsse.processor.types.JavaNames;
import dev.asyncsse.processor.types.SchemaDoc;
import dev.asyncsse.processor.types.SchemaTypeMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses every generated name for a document and maps its schemas to Java types.
 *
 * <p>Class names for channels and the entry class are reserved first, so that a schema that
 * happens to share one of those names gets a numbered name instead.
 */
public final class DocumentPlanner {

  private static final ClassName JSON_NODE =
      ClassName.get("com.fasterxml.jackson.databind", "JsonNode");

  private final SchemaTypeMapper types;

  public DocumentPlanner(SchemaTypeMapper types) {
    this.types = types;
  }

  /** Returns the plan for {@code api}. */
  public DocumentPlan plan(ApiModel api, Parts parts) {
    ClassName entry = types.allocate(
        api.title().isBlank() ? "AsyncApi" : api.title(),
        "info.title",
        api.position(),
        Messages.TITLE_NAME_FIX);
    List<ClassName[]> channelClasses = new ArrayList<>();
    for (ChannelModel channel : api.channels()) {
      channelClasses.add(
          new ClassName[] {
            channelClass(channel, "Client"),
            channelClass(channel, "Server"),
            channel.parameters().isEmpty() ? null : channelClass(channel, "Parameters")
          });
    }

    List<ChannelPlan> channels = new ArrayList<>();
    Set<String> accessors = new HashSet<>();
    for (int i = 0; i < api.channels().size(); i++) {
      ChannelModel channel = api.channels().get(i);
      ClassName[] names = channelClasses.get(i);
      List<MessagePlan> messages = messages(channel);
      channels.add(
          new ChannelPlan(
              channel,
              unique(JavaNames.memberName(channel.id()), accessors),
              names[0],
              names[1],
              names[2],
              messages,
              requestValuesClass(channel.headers(), channel.id() + "Headers"),
              requestValuesClass(channel.query(), channel.id() + "Query")));
    }
    DocumentPlan plan = new DocumentPlan(entry, api, channels, types.declarations(), parts);
    new NestedNameCheck(types).check(plan);
    return plan;
  }

  private ClassName channelClass(ChannelModel channel, String suffix) {
    return types.allocate(
        channel.id() + suffix,
        "channel " + channel.id(),
        channel.position(),
        Messages.CHANNEL_NAME_FIX);
  }

  private List<MessagePlan> messages(ChannelModel channel) {
    List<MessagePlan> messages = new ArrayList<>();
    Set<String> constants = new HashSet<>();
    Set<String> suffixes = new HashSet<>();
    for (MessageModel message : channel.messages()) {
      TypeName payload = message.payload() == null
          ? JSON_NODE
          : types.mapPayload(message.payload(), message.typeName());
      types.describeIfBlank(payload, SchemaDoc.of(message.description()));
      // Only the headers that became the channel's request headers get a record, because the
      // client and the server use no other message's headers record.
      if (channel.headers() != null && message.headers() == channel.headers().schema()) {
        types.map(message.headers(), message.typeName() + "Headers");
      }
      messages.add(
          new MessagePlan(
              message,
              unique(JavaNames.constantName(message.id()), constants),
              unique(JavaNames.typeName(message.id()), suffixes),
              payload));
    }
    return messages;
  }

  /** Maps request headers or query parameters to their record, or returns {@code null}. */
  private ClassName requestValuesClass(RequestValuesModel values, String nameHint) {
    if (values == null) {
      return null;
    }
    TypeName type = types.map(values.schema(), nameHint);
    return type instanceof ClassName name && !name.equals(JSON_NODE) ? name : null;
  }

  private static String unique(String base, Set<String> used) {
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + i;
    }
    return name;
  }
}
