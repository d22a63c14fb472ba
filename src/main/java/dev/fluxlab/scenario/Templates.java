package dev.fluxlab.scenario;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code include: {file: templates/x.yaml, with: {key: value}}}: the steps of a template file
 * (relative to the including file; {@code description} and {@code steps} only), with {@code ${key}}
 * bound to the given values and the scenario's bindings.
 */
final class Templates {
  private static final int MAX_DEPTH = 5;
  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

  private Templates() {}

  @SuppressWarnings("unchecked")
  static List<Step> include(
      Map<String, Object> step, String where, String source, Map<String, String> bindings) {
    if (!(step.get("include") instanceof Map<?, ?> inc) || !(inc.get("file") instanceof String f)) {
      throw new InvalidInputException(where + ": 'include' needs 'file'");
    }
    Path file = Path.of(source).toAbsolutePath().getParent().resolve(f).normalize();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(where + ": field 'include.file': cannot read " + file);
    }
    Map<String, String> bound = new LinkedHashMap<>(bindings);
    if (inc.get("with") instanceof Map<?, ?> with) {
      with.forEach((k, v) -> bound.put(String.valueOf(k), String.valueOf(v)));
    }
    Map<String, Object> doc;
    try {
      doc = Yaml.map(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": not valid YAML: " + e.getMessage());
    }
    for (String key : doc.keySet()) {
      if (!Set.of("description", "steps").contains(key)) {
        throw new InvalidInputException(
            file + ": unknown field '" + key + "' (a template has description and steps)");
      }
    }
    // A template is validated as the scenario it would be on its own.
    ScenarioSchema.validate(file.toString(), "name: template\n" + text);
    if (DEPTH.get() >= MAX_DEPTH) {
      throw new InvalidInputException(where + ": includes nest deeper than " + MAX_DEPTH);
    }
    DEPTH.set(DEPTH.get() + 1);
    try {
      Map<String, Object> expanded = Yaml.map(Bindings.expand(text, bound));
      List<Step> steps =
          StepParser.steps(
              (List<Object>) expanded.get("steps"), file + ": step", file.toString(), bound);
      Object name = step.get("name");
      return name == null
          ? steps
          : steps.stream()
              .map(
                  s ->
                      new Step(
                          name + ": " + s.name(),
                          s.cluster(),
                          s.timeout(),
                          s.action(),
                          s.type(),
                          s.raw(),
                          s.where(),
                          s.source()))
              .toList();
    } finally {
      DEPTH.set(DEPTH.get() - 1);
    }
  }
}
