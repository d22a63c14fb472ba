package dev.fluxlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the scenario format's reference (docs/scenario-reference.md) from the JSON Schema, so the
 * documentation names exactly the fields the loader accepts. {@code main} rewrites the file; a test
 * fails when it is out of date.
 */
public final class ScenarioReference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioReference() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/scenario-reference.md");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, markdown());
  }

  public static String markdown() {
    JsonNode schema;
    try {
      schema = JSON.readTree(ScenarioSchema.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode defs = schema.get("$defs");
    StringBuilder md = new StringBuilder();
    md.append("# Scenario format reference\n\n")
        .append("Generated from [schema/scenario.schema.json](../schema/scenario.schema.json) by")
        .append(" `ScenarioReference` (a test fails when this file is out of date). A field not")
        .append(" listed here is a load error.\n\n");
    md.append("## Scenario file\n\n");
    table(md, schema, defs);
    md.append("## Step\n\n").append(text(defs.get("step"), "description")).append("\n\n");
    JsonNode step = defs.get("step");
    List<String> actions = new ArrayList<>();
    md.append("| field | type | description |\n|---|---|---|\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = step.get("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode ref = f.getValue().get("$ref");
      if (ref != null && !ref.asText().equals("#/$defs/duration")) {
        actions.add(f.getKey());
        continue;
      }
      row(md, f.getKey(), f.getValue(), defs, false);
    }
    md.append('\n');
    Map<String, List<String>> byDefinition = new TreeMap<>();
    for (String action : actions) {
      String def = step.get("properties").get(action).get("$ref").asText().substring(8);
      byDefinition.computeIfAbsent(def, k -> new ArrayList<>()).add(action);
    }
    md.append("## Actions\n\n");
    for (String action : actions) {
      JsonNode prop = step.get("properties").get(action);
      String def = prop.get("$ref").asText().substring(8);
      List<String> sharing = byDefinition.get(def);
      if (!sharing.get(0).equals(action)) {
        continue;
      }
      md.append("### ")
          .append(String.join(" / ", sharing.stream().map(a -> "`" + a + "`").toList()))
          .append("\n\n");
      for (String a : sharing) {
        JsonNode own = step.get("properties").get(a).get("description");
        if (own != null) {
          md.append("`").append(a).append("`: ").append(own.asText()).append("\n\n");
        }
      }
      JsonNode d = defs.get(def);
      md.append(text(d, "description")).append("\n\n");
      table(md, d, defs);
    }
    return md.toString();
  }

  private static void table(StringBuilder md, JsonNode object, JsonNode defs) {
    md.append("| field | type | description |\n|---|---|---|\n");
    List<JsonNode> sources = new ArrayList<>();
    if (object.has("allOf")) {
      for (JsonNode part : object.get("allOf")) {
        sources.add(defs.get(part.get("$ref").asText().substring(8)));
      }
    }
    sources.add(object);
    for (JsonNode source : sources) {
      JsonNode props = source.get("properties");
      if (props == null) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        boolean required = false;
        if (object.has("required")) {
          for (JsonNode r : object.get("required")) {
            required |= r.asText().equals(f.getKey());
          }
        }
        row(md, f.getKey(), f.getValue(), defs, required);
      }
    }
    md.append('\n');
  }

  private static void row(
      StringBuilder md, String name, JsonNode field, JsonNode defs, boolean required) {
    md.append("| `")
        .append(name)
        .append("`")
        .append(required ? " (required)" : "")
        .append(" | ")
        .append(type(field, defs))
        .append(" | ")
        .append(text(field, "description").replace("|", "\\|"))
        .append(" |\n");
  }

  private static String type(JsonNode field, JsonNode defs) {
    if (field.has("$ref")) {
      String def = field.get("$ref").asText().substring(8);
      return switch (def) {
        case "duration" -> "duration";
        case "scalar" -> "string, number or boolean";
        case "step" -> "step";
        default -> def;
      };
    }
    if (field.has("enum")) {
      List<String> values = new ArrayList<>();
      field.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
      return String.join(", ", values);
    }
    JsonNode t = field.get("type");
    if (t == null) {
      return "any";
    }
    if (t.isArray()) {
      List<String> types = new ArrayList<>();
      t.forEach(x -> types.add(x.asText()));
      return String.join(", ", types);
    }
    if (t.asText().equals("array") && field.has("items")) {
      return "list of " + type(field.get("items"), defs);
    }
    if (t.asText().equals("object")
        && field.has("additionalProperties")
        && field.get("additionalProperties").isObject()) {
      return "map of " + type(field.get("additionalProperties"), defs);
    }
    return t.asText().equals("object") ? "mapping" : t.asText();
  }

  private static String text(JsonNode node, String key) {
    return node != null && node.has(key) ? node.get(key).asText() : "";
  }
}
