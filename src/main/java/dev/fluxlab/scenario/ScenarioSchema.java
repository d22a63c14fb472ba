package dev.fluxlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.fluxlab.api.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scenario format's JSON Schema ({@code schema/scenario.schema.json} in the repository, on the
 * classpath as {@code fluxlab/schema/scenario.schema.json}). A scenario that does not validate is
 * refused with one line naming the file, the step and the field, so a typo never passes silently.
 */
public final class ScenarioSchema {
  static final String RESOURCE = "fluxlab/schema/scenario.schema.json";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Schema SCHEMA = load();

  private ScenarioSchema() {}

  /** The schema's text, as shipped. */
  public static String text() {
    try (InputStream in = resource()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates a scenario document.
   *
   * @throws InvalidInputException naming {@code source}, the step and the field of the first error
   */
  public static void validate(String source, String yaml) {
    JsonNode doc;
    try {
      doc = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidInputException(
          source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException(source + ": must be a mapping with 'name' and 'steps'");
    }
    List<Error> errors = SCHEMA.validate(doc);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(source + ": " + describe(mostSpecific(errors)));
    }
  }

  /**
   * The error a user should read first: an unknown field, else the deepest location (a failed
   * {@code oneOf} at the step is less telling than a wrong field inside it).
   */
  private static Error mostSpecific(List<Error> errors) {
    return errors.stream()
        .min(
            Comparator.comparing((Error e) -> !isUnknownField(e))
                .thenComparing(e -> -e.getInstanceLocation().toString().length()))
        .orElseThrow();
  }

  private static boolean isUnknownField(Error e) {
    return "additionalProperties".equals(e.getKeyword())
        || "unevaluatedProperties".equals(e.getKeyword());
  }

  static String describe(Error e) {
    // The instance location is a JSON pointer: /steps/1/assert/object.
    List<String> segments = new ArrayList<>(List.of(e.getInstanceLocation().toString().split("/")));
    segments.removeIf(String::isEmpty);
    String where = "";
    if (segments.size() >= 2
        && segments.get(0).equals("steps")
        && segments.get(1).matches("\\d+")) {
      where = "step " + (Integer.parseInt(segments.get(1)) + 1) + ": ";
      segments = segments.subList(2, segments.size());
    }
    String field = String.join(".", segments);
    boolean stepLevel = !where.isEmpty() && field.isEmpty();
    if (isUnknownField(e)) {
      String unknown = field.isEmpty() ? e.getProperty() : field + "." + e.getProperty();
      return where
          + "unknown field '"
          + unknown
          + "'"
          + (stepLevel ? " (a step has one action and name, cluster, timeout, during)" : "");
    }
    if ("oneOf".equals(e.getKeyword()) && stepLevel) {
      return where
          + "needs exactly one action, a 'try' block or an 'include' (see schema/scenario.schema.json)";
    }
    if ("pattern".equals(e.getKeyword()) && e.getInstanceNode() != null) {
      return where
          + "field '"
          + field
          + "': '"
          + e.getInstanceNode().asText()
          + "' is not a duration (examples: 30s, 1m, 1h30m, 500ms)";
    }
    // The validator's message starts with the location; keep only what follows it.
    String message = e.getMessage();
    int colon = message.indexOf(": ");
    String detail = colon >= 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    return where + (field.isEmpty() ? "" : "field '" + field + "': ") + detail;
  }

  private static Schema load() {
    try (InputStream in = resource()) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource() {
    InputStream in = ScenarioSchema.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the classpath");
    }
    return in;
  }
}
