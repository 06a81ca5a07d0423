package dev.asyncsse.processor.model;

import dev.asyncsse.processor.read.SourcePosition;
import java.util.List;

/**
 * An AsyncAPI document reduced to what code generation needs, in AsyncAPI 3 terms.
 *
 * @param title {@code info.title}
 * @param version {@code info.version}
 * @param description {@code info.description}, or {@code ""}
 * @param channels the channels in document order
 * @param servers the servers in document order
 * @param securitySchemes the schemes an HTTP request can carry, in document order
 * @param position where {@code info} is, or the document's start when it has none
 */
public record ApiModel(
    String title,
    String version,
    String description,
    List<ChannelModel> channels,
    List<ServerModel> servers,
    List<SecuritySchemeModel> securitySchemes,
    SourcePosition position) {

  public ApiModel {
    channels = List.copyOf(channels);
    servers = List.copyOf(servers);
    securitySchemes = List.copyOf(securitySchemes);
  }
}
