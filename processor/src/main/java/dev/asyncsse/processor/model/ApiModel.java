package dev.asyncsse.processor.model;

import dev.asyncsse.processor.read.Node;
import dev.asyncsse.processor.read.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AsyncAPI document reduced to what code generation needs, in AsyncAPI 3 terms.
 *
 * @param title {@code info.title}
 * @param version {@code info.version}
 * @param description {@code info.description}, or {@code ""}
 * @param channels the channels in document order
 * @param servers the servers in document order
 * @param securitySchemes the schemes an HTTP request can carry, in document order
 * @param componentSchemas the JSON Schemas under {@code components/schemas} by key, in document
 *     order, whether a message uses them or not. Schemas in another format are left out.
 * @param position where {@code info} is, or the document's start when it has none
 */
public record ApiModel(
    String title,
    String version,
    String description,
    List<ChannelModel> channels,
    List<ServerModel> servers,
    List<SecuritySchemeModel> securitySchemes,
    Map<String, Node> componentSchemas,
    SourcePosition position) {

  public ApiModel {
    channels = List.copyOf(channels);
    servers = List.copyOf(servers);
    securitySchemes = List.copyOf(securitySchemes);
    componentSchemas = Collections.unmodifiableMap(new LinkedHashMap<>(componentSchemas));
  }
}
