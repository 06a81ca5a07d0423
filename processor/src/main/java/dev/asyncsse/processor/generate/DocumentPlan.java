package dev.asyncsse.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.asyncsse.processor.model.ApiModel;
import dev.asyncsse.processor.model.ChannelModel;
import dev.asyncsse.processor.model.MessageModel;
import dev.asyncsse.processor.types.TypeDeclaration;
import java.util.List;

/**
 * Every name and type chosen for one document, ready for the generators.
 *
 * @param entryClass the document's entry class, named after {@code info.title}
 * @param types the payload, header and enum types to generate
 * @param what which parts the annotation asked for
 */
public record DocumentPlan(
    ClassName entryClass,
    ApiModel api,
    List<ChannelPlan> channels,
    List<TypeDeclaration> types,
    Parts what) {

  /** The parts of the code to generate. */
  public record Parts(boolean payloads, boolean client, boolean server) {}

  /**
   * Names for one channel.
   *
   * @param accessor the entry class's method for the channel, such as {@code userSignups}
   * @param parametersClass the record of the address parameters, or {@code null} when the address
   *     has none
   * @param headersClass the record of the request headers, or {@code null} when there are none
   * @param queryClass the record of the query parameters, or {@code null} when there are none
   */
  public record ChannelPlan(
      ChannelModel channel,
      String accessor,
      ClassName clientClass,
      ClassName serverClass,
      ClassName parametersClass,
      List<MessagePlan> messages,
      ClassName headersClass,
      ClassName queryClass) {

    /** Returns whether the channel carries exactly one message, so unnamed events map to it. */
    public boolean singleMessage() {
      return messages.size() == 1;
    }
  }

  /**
   * Names for one message of a channel.
   *
   * @param constant the name of its {@code MessageType} constant, such as {@code USER_SIGNEDUP}
   * @param suffix the part of method names that names the message, such as {@code UserSignedup}
   * @param payloadType the payload's Java type
   */
  public record MessagePlan(MessageModel message, String constant, String suffix, TypeName payloadType) {}
}
