package dev.asyncsse.processor.model;

import dev.asyncsse.processor.model.SecuritySchemeModel.Kind;
import dev.asyncsse.processor.read.MapNode;
import dev.asyncsse.processor.read.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the security schemes under {@code components/securitySchemes} that HTTP requests can
 * carry: http bearer and basic, oauth2 and openIdConnect (as bearer tokens), and httpApiKey or an
 * apiKey in a header, query parameter or cookie. Schemes for message brokers, such as an apiKey in
 * the user name, are left out.
 */
final class SecuritySchemeReader {

  private final NodeAccess nodes;

  SecuritySchemeReader(NodeAccess nodes) {
    this.nodes = nodes;
  }

  List<SecuritySchemeModel> read(MapNode document) {
    List<SecuritySchemeModel> schemes = new ArrayList<>();
    Optional<MapNode> schemesNode = nodes.object(document, "components")
        .flatMap(components -> nodes.object(components, "securitySchemes"));
    if (schemesNode.isEmpty()) {
      return schemes;
    }
    for (Map.Entry<String, Node> entry : schemesNode.get().entries().entrySet()) {
      nodes.resolveObject(entry.getValue(), "security scheme")
          .flatMap(scheme -> scheme(entry.getKey(), scheme))
          .ifPresent(schemes::add);
    }
    return schemes;
  }

  private Optional<SecuritySchemeModel> scheme(String key, MapNode scheme) {
    String type = nodes.string(scheme, "type").orElse("");
    String description = nodes.string(scheme, "description").orElse("");
    switch (type) {
      case "http": {
        String name = nodes.string(scheme, "scheme").orElse("").toLowerCase(Locale.ROOT);
        if (name.equals("bearer")) {
          return Optional.of(new SecuritySchemeModel(key, Kind.BEARER, null, description));
        }
        if (name.equals("basic")) {
          return Optional.of(new SecuritySchemeModel(key, Kind.BASIC, null, description));
        }
        return Optional.empty();
      }
      case "oauth2":
      case "openIdConnect":
        return Optional.of(new SecuritySchemeModel(key, Kind.BEARER, null, description));
      case "httpApiKey":
      case "apiKey": {
        Optional<String> name = nodes.string(scheme, "name");
        String in = nodes.string(scheme, "in").orElse("");
        if (name.isEmpty()) {
          return Optional.empty();
        }
        Kind kind = switch (in) {
          case "header" -> Kind.API_KEY_HEADER;
          case "query" -> Kind.API_KEY_QUERY;
          case "cookie" -> Kind.API_KEY_COOKIE;
          default -> null;
        };
        return kind == null
            ? Optional.empty()
            : Optional.of(new SecuritySchemeModel(key, kind, name.get(), description));
      }
      default:
        return Optional.empty();
    }
  }
}
