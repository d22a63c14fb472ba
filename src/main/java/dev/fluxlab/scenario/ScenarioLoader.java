package dev.fluxlab.scenario;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads scenario files: validated against the JSON Schema, then parsed. Settings can be referenced
 * as {@code ${podinfo.version.next}}, {@code ${podinfo.version.start}} and {@code ${env.name}}, the
 * scenario's {@code bindings} and {@code matrix} values by their names; other {@code ${...}} text
 * (Flux variables in file content, outputs of steps) is left for later. Every mistake is reported
 * with the file, the step and the field.
 */
public final class ScenarioLoader {
  private final Settings settings;

  public ScenarioLoader(Settings settings) {
    this.settings = settings;
  }

  /** Loads a scenario file that declares no matrix. */
  public Scenario load(Path file) {
    List<Scenario> all = loadAll(file);
    if (all.size() != 1) {
      throw new InvalidInputException(
          file + ": declares a matrix of " + all.size() + " scenarios; load it with loadAll");
    }
    return all.get(0);
  }

  /** Loads a file that declares no matrix (one scenario). */
  public Scenario parse(String source, String text) {
    List<Scenario> all = parseAll(source, text);
    if (all.size() != 1) {
      throw new InvalidInputException(
          source + ": declares a matrix of " + all.size() + " scenarios; load it with loadAll");
    }
    return all.get(0);
  }

  /** Every scenario of a file: one, or one per combination of its {@code matrix}. */
  public List<Scenario> loadAll(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read scenario " + file + ": " + e.getMessage());
    }
    return parseAll(file.toString(), text);
  }

  public List<Scenario> parseAll(String source, String text) {
    ScenarioSchema.validate(source, text);
    Map<String, String> settingsBindings =
        Map.of(
            "podinfo.version.next", settings.podinfoNextVersion(),
            "podinfo.version.start", settings.podinfoStartVersion(),
            "env.name", settings.envName());
    Map<String, Object> doc = yaml(source, Bindings.expand(text, settingsBindings));
    Map<String, String> bindings = new LinkedHashMap<>(settingsBindings);
    if (doc.get("bindings") instanceof Map<?, ?> b) {
      b.forEach((k, v) -> bindings.put(String.valueOf(k), String.valueOf(v)));
    }
    List<Scenario> scenarios = new ArrayList<>();
    for (Map<String, String> combination : Matrix.combinations(doc.get("matrix"))) {
      Map<String, String> bound = new LinkedHashMap<>(bindings);
      bound.putAll(combination);
      String expanded = Bindings.expand(text, bound);
      scenarios.add(scenario(source, yaml(source, expanded), bound, Matrix.label(combination)));
    }
    return scenarios;
  }

  private static Map<String, Object> yaml(String source, String text) {
    try {
      return Yaml.map(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(source + ": not valid YAML: " + e.getMessage());
    }
  }

  private static Scenario scenario(
      String source, Map<String, Object> doc, Map<String, String> bindings, String label) {
    List<?> rawSteps = (List<?>) doc.get("steps");
    List<Step> steps = StepParser.steps(rawSteps, source + ": step", source, bindings);
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    if (doc.get("timeouts") instanceof Map<?, ?> t) {
      for (Map.Entry<?, ?> e : t.entrySet()) {
        String key = String.valueOf(e.getKey());
        try {
          timeouts.put(key, GoDuration.parse(String.valueOf(e.getValue())));
        } catch (IllegalArgumentException ex) {
          throw new InvalidInputException(
              source + ": field 'timeouts." + key + "': " + ex.getMessage());
        }
      }
    }
    return new Scenario(
        doc.get("name") + label,
        doc.get("description") == null ? "" : String.valueOf(doc.get("description")),
        doc.get("layout") == null ? "" : String.valueOf(doc.get("layout")),
        source,
        steps,
        timeouts);
  }
}
