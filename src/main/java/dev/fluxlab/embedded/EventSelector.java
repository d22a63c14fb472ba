package dev.fluxlab.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Filters event lists by {@code involvedObject.*} field selectors, which {@code kubectl describe}
 * uses to show an object's events and which fabric8's mock server does not evaluate.
 */
final class EventSelector {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private EventSelector() {}

  /** The involvedObject fields selected by a request path, or an empty map. */
  static Map<String, String> selected(String path) {
    Map<String, String> fields = new LinkedHashMap<>();
    int q = path.indexOf('?');
    if (q < 0 || !path.substring(0, q).endsWith("/events")) {
      return fields;
    }
    for (String param : path.substring(q + 1).split("&")) {
      if (!param.startsWith("fieldSelector=")) {
        continue;
      }
      String selector =
          URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
      for (String term : selector.split(",")) {
        int eq = term.indexOf('=');
        if (eq > 0 && term.startsWith("involvedObject.")) {
          fields.put(
              term.substring("involvedObject.".length(), eq),
              term.substring(eq + 1).replaceFirst("^=", ""));
        }
      }
    }
    return fields;
  }

  /** The list body with only the events whose involvedObject matches every selected field. */
  static String filter(String listBody, Map<String, String> fields) {
    try {
      JsonNode doc = JSON.readTree(listBody);
      if (!doc.has("items")) {
        return listBody;
      }
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode event : doc.get("items")) {
        JsonNode involved = event.path("involvedObject");
        if (fields.entrySet().stream()
            .allMatch(f -> f.getValue().equals(involved.path(f.getKey()).asText()))) {
          kept.add(event);
        }
      }
      ObjectNode list = (ObjectNode) doc;
      list.set("items", kept);
      // The mock answers "List"; kubectl decodes events into the typed EventList.
      list.put("kind", "EventList");
      list.put("apiVersion", "v1");
      return JSON.writeValueAsString(doc);
    } catch (IOException e) {
      return listBody;
    }
  }

  /** The request path without its query, for fetching the whole list. */
  static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}
