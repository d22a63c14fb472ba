package dev.fluxlab.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;

/**
 * Renders Flux objects as a {@code meta.k8s.io/v1} Table when kubectl asks for one ({@code Accept:
 * ...;as=Table}), with the columns of Flux's CRDs (Age, Ready, Status), so that {@code kubectl get
 * ks -A} shows readiness as it does on a real cluster. Other kinds keep kubectl's client-side
 * NAME/AGE view.
 */
final class TableView {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private TableView() {}

  static boolean wanted(String accept, String path) {
    return accept != null && accept.contains("as=Table") && path.contains(".toolkit.fluxcd.io/");
  }

  /** The Table for a list or single object response body, or null when it is neither. */
  static String render(String body) {
    try {
      JsonNode doc = JSON.readTree(body);
      ArrayNode items = JSON.createArrayNode();
      if (doc.has("items")) {
        doc.get("items").forEach(items::add);
      } else if (doc.has("metadata")) {
        items.add(doc);
      } else {
        return null;
      }
      ObjectNode table = JSON.createObjectNode();
      table.put("kind", "Table");
      table.put("apiVersion", "meta.k8s.io/v1");
      table.putObject("metadata").put("resourceVersion", "");
      ArrayNode columns = table.putArray("columnDefinitions");
      column(columns, "Name", "string", "name");
      column(columns, "Age", "string", "");
      column(columns, "Ready", "string", "");
      column(columns, "Status", "string", "");
      ArrayNode rows = table.putArray("rows");
      for (JsonNode item : items) {
        ObjectNode row = rows.addObject();
        ArrayNode cells = row.putArray("cells");
        cells.add(item.path("metadata").path("name").asText());
        cells.add(age(item.path("metadata").path("creationTimestamp").asText()));
        JsonNode ready = readyCondition(item);
        cells.add(ready == null ? "Unknown" : ready.path("status").asText());
        cells.add(ready == null ? "" : ready.path("message").asText());
        ObjectNode object = row.putObject("object");
        object.put("kind", "PartialObjectMetadata");
        object.put("apiVersion", "meta.k8s.io/v1");
        object.set("metadata", item.path("metadata"));
      }
      return JSON.writeValueAsString(table);
    } catch (IOException e) {
      return null;
    }
  }

  /** Ages as kubectl prints them: 45s, 3m10s, 25m, 5h3m, 2d. */
  static String age(String timestamp) {
    long s;
    try {
      s =
          java.time.Duration.between(java.time.Instant.parse(timestamp), java.time.Instant.now())
              .toSeconds();
    } catch (RuntimeException e) {
      return "<unknown>";
    }
    s = Math.max(0, s);
    if (s < 120) {
      return s + "s";
    }
    if (s < 600) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    if (s < 3 * 3600) {
      return s / 60 + "m";
    }
    if (s < 8 * 3600) {
      return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }
    return s < 48 * 3600 ? s / 3600 + "h" : s / 86400 + "d";
  }

  private static JsonNode readyCondition(JsonNode item) {
    for (JsonNode c : item.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  private static void column(ArrayNode columns, String name, String type, String format) {
    ObjectNode c = columns.addObject();
    c.put("name", name);
    c.put("type", type);
    c.put("format", format);
    c.put("description", "");
    c.put("priority", 0);
  }
}
