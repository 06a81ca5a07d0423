package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import dev.asyncsse.processor.diagnostic.Messages;
import dev.asyncsse.processor.generate.DocumentPlan.ChannelPlan;
import dev.asyncsse.processor.generate.DocumentPlan.MessagePlan;
import dev.asyncsse.processor.generate.DocumentPlan.Parts;
import dev.asyncsse.processor.model.ParameterModel;
import dev.asyncsse.processor.read.SourcePosition;
import dev.asyncsse.processor.types.SchemaTypeMapper;
import dev.asyncsse.processor.types.TypeDeclaration;
import dev.asyncsse.processor.types.TypeDeclaration.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the class file name of every nested type that the generators will write, such as {@code
 * TicksClient$Event$Tick}, against {@link SchemaTypeMapper#MAX_TYPE_NAME_LENGTH}, before any
 * source is written. {@link SchemaTypeMapper#allocate} checks the top-level names.
 *
 * <p>Each name is reported at the node that gives it, once: a name made long by a channel id at
 * the channel, one made long by a message id at the message. Within one node the longest name is
 * reported. A generator that nests a new type must list it here too: {@link ClassFileNames}
 * stops a name that this check misses, but reports it without a document position.
 */
final class NestedNameCheck {

  private final SchemaTypeMapper types;

  NestedNameCheck(SchemaTypeMapper types) {
    this.types = types;
  }

  /** Reports every nested type name of {@code plan} over the limit. */
  void check(DocumentPlan plan) {
    Parts parts = plan.what();
    if (parts.client() || parts.server()) {
      checkEntry(plan);
    }
    if (parts.payloads()) {
      for (TypeDeclaration declaration : plan.types()) {
        if (declaration instanceof RecordType record && RecordBuilders.hasBuilder(record)) {
          types.checkNestedName(record.name(), RecordBuilders.BUILDER, record.origin(),
              types.positionOf(record.origin()), Messages.NESTED_SCHEMA_NAME_FIX);
        }
      }
    }
    for (ChannelPlan channel : plan.channels()) {
      checkChannel(channel, parts);
    }
  }

  private void checkEntry(DocumentPlan plan) {
    Group entry = new Group("info.title", plan.api().position(), Messages.TITLE_NAME_FIX);
    if (plan.what().client()) {
      entry.add(plan.entryClass(), EntryGenerator.CLIENT_BUILDER);
      entry.add(plan.entryClass(), EntryGenerator.CLIENT);
    }
    if (plan.what().server()) {
      entry.add(plan.entryClass(), EntryGenerator.SERVER);
      if (!plan.api().securitySchemes().isEmpty()) {
        entry.add(plan.entryClass(), SecurityGenerator.SECURITY);
      }
    }
    entry.check();
  }

  /**
   * Checks the names that the channel id alone makes long first, so that a message or parameter
   * is blamed only for a name that its own part makes too long.
   */
  private void checkChannel(ChannelPlan plan, Parts parts) {
    String origin = "channel " + plan.channel().id();
    Group channel = new Group(origin, plan.channel().position(), Messages.CHANNEL_NAME_FIX);
    boolean eventType = parts.client() && plan.messages().size() > 1;
    if (eventType) {
      channel.add(plan.clientClass(), ClientGenerator.EVENT);
    }
    if (parts.server()) {
      channel.add(plan.serverClass(), ServerGenerator.HANDLER);
      if (!plan.singleMessage()) {
        channel.add(plan.serverClass(), ServerGenerator.STREAM);
      }
    }
    channel.check();

    if (eventType) {
      for (MessagePlan message : plan.messages()) {
        SourcePosition position = message.message().position();
        Group member = new Group("message at " + position, position, Messages.MESSAGE_NAME_FIX);
        member.add(plan.clientClass(), ClientGenerator.EVENT + "$" + message.suffix());
        member.check();
      }
    }
    if (plan.parametersClass() != null) {
      for (ParameterModel parameter : plan.channel().parameters()) {
        if (parameter.isEnum()) {
          Group enumType = new Group(origin + " parameter " + parameter.name(),
              parameter.position(), Messages.PARAMETER_NAME_FIX);
          enumType.add(plan.parametersClass(), ParametersGenerator.enumName(plan, parameter));
          enumType.check();
        }
      }
    }
  }

  /** The nested type names that one node gives, checked longest first. */
  private final class Group {

    private final String origin;
    private final SourcePosition position;
    private final String lengthFix;
    private final List<Nested> names = new ArrayList<>();

    Group(String origin, SourcePosition position, String lengthFix) {
      this.origin = origin;
      this.position = position;
      this.lengthFix = lengthFix;
    }

    void add(ClassName outer, String nested) {
      names.add(new Nested(outer, nested));
    }

    void check() {
      names.sort(Comparator.comparingInt(Nested::bytes).reversed());
      for (Nested name : names) {
        types.checkNestedName(name.outer(), name.name(), origin, position, lengthFix);
      }
    }
  }

  /** A type nested in {@code outer}, with its name inside it, such as {@code Event$Tick}. */
  private record Nested(ClassName outer, String name) {

    int bytes() {
      return (outer.simpleName() + "$" + name).getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
