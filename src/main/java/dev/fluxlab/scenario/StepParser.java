package dev.fluxlab.scenario;

import dev.fluxlab.api.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one step of a scenario file (already validated against the schema) into a {@link Step}: the
 * checks the schema cannot express, with the file, the step and the field in every message.
 */
final class StepParser {
  static final Set<String> ACTIONS =
      Set.of(
          "edit",
          "reconcile",
          "wait",
          "assert",
          "error",
          "change",
          "delete",
          "suspend",
          "resume",
          "apply",
          "patch",
          "script",
          "command",
          "http",
          "events",
          "get",
          "logs");
  private static final Set<String> STEP_KEYS = Set.of("name", "cluster", "timeout", "during");

  private StepParser() {}

  /**
   * Parses a list of steps; an {@code include} expands to the template's steps, a {@code try} block
   * to one step holding its parts.
   *
   * @param prefix where the list is, for messages ("file: step" or "file: step 2, try")
   */
  @SuppressWarnings("unchecked")
  static List<Step> steps(List<?> raw, String prefix, String source, Map<String, String> bindings) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String where = prefix + " " + (i + 1);
      if (!(raw.get(i) instanceof Map<?, ?> m)) {
        throw new InvalidInputException(where + ": must be a mapping");
      }
      Map<String, Object> step = (Map<String, Object>) m;
      if (step.containsKey("include")) {
        steps.addAll(Templates.include(step, where, source, bindings));
      } else if (step.containsKey("try")) {
        steps.add(block(step, where, source, bindings));
      } else {
        for (String part : List.of("catch", "finally")) {
          if (step.containsKey(part)) {
            throw new InvalidInputException(where + ": '" + part + "' needs 'try'");
          }
        }
        steps.add(step(step, where, source));
      }
    }
    return steps;
  }

  private static Step block(
      Map<String, Object> step, String where, String source, Map<String, String> bindings) {
    for (String key : List.of("cluster", "timeout", "during")) {
      if (step.containsKey(key)) {
        throw new InvalidInputException(
            where + ": field '" + key + "' belongs on the steps inside try/catch/finally");
      }
    }
    List<Step> tries = part(step, "try", where, source, bindings);
    if (tries.isEmpty()) {
      throw new InvalidInputException(where + ": 'try' needs at least one step");
    }
    String name = ActionParsers.string(step, "name", where, null);
    return new Step(
        name != null ? name : "try " + tries.get(0).name(),
        null,
        null,
        new Action.Block(
            tries,
            part(step, "catch", where, source, bindings),
            part(step, "finally", where, source, bindings)));
  }

  private static List<Step> part(
      Map<String, Object> step,
      String key,
      String where,
      String source,
      Map<String, String> bindings) {
    Object raw = step.get(key);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw new InvalidInputException(where + ": '" + key + "' must be a list of steps");
    }
    return steps(list, where + ", " + key + " step", source, bindings);
  }

  static Step step(Map<String, Object> step, String where, String source) {
    Set<String> actions = new TreeSet<>(step.keySet());
    actions.removeAll(STEP_KEYS);
    if (actions.size() != 1 || !ACTIONS.contains(actions.iterator().next())) {
      throw new InvalidInputException(
          where + ": needs exactly one action of " + new TreeSet<>(ACTIONS) + ", found " + actions);
    }
    String action = actions.iterator().next();
    if (!(step.get(action) instanceof Map<?, ?> raw)) {
      throw new InvalidInputException(where + ": '" + action + "' must be a mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> args = (Map<String, Object>) raw;
    String w = where + " (" + action + ")";
    Duration during = ActionParsers.duration(step, "during", where);
    if (during != null && !Set.of("wait", "assert", "error").contains(action)) {
      throw new InvalidInputException(
          where + ": field 'during' only applies to wait, assert and error");
    }
    Action parsed =
        switch (action) {
          case "edit" -> ActionParsers.edit(args, w);
          case "reconcile" -> new Action.Reconcile(ActionParsers.ref(args, w));
          case "wait" ->
              new Action.Check(
                  ActionParsers.checked(args, w), ActionParsers.expectation(args, w), true, during);
          case "assert" ->
              new Action.Check(
                  ActionParsers.checked(args, w),
                  ActionParsers.expectation(args, w),
                  false,
                  during);
          case "error" ->
              new Action.Check(
                  ActionParsers.checked(args, w),
                  ActionParsers.expectation(args, w),
                  false,
                  during,
                  true);
          case "change" ->
              new Action.ChangeObject(
                  ActionParsers.ref(args, w),
                  ActionParsers.required(args, "set", w),
                  args.get("value"));
          case "delete" -> new Action.DeleteObject(ActionParsers.ref(args, w));
          case "apply" -> ActionParsers.apply(args, w, source);
          case "patch" ->
              new Action.Patch(ActionParsers.ref(args, w), ActionParsers.mapping(args, "merge", w));
          case "script", "command" -> ActionParsers.run(args, w, action);
          case "http" -> ActionParsers.http(args, w);
          case "events" -> new Action.Collect(ActionParsers.eventsOf(args, w), true);
          case "get" -> new Action.Collect(ActionParsers.collected(args, w), false);
          case "logs" -> ActionParsers.logs(args, w);
          case "suspend" -> new Action.Suspend(ActionParsers.ref(args, w), true);
          default -> new Action.Suspend(ActionParsers.ref(args, w), false);
        };
    String name = ActionParsers.string(step, "name", where, null);
    return new Step(
        name != null ? name : action + " " + StepNames.describe(parsed),
        ActionParsers.string(step, "cluster", where, null),
        ActionParsers.duration(step, "timeout", where),
        parsed,
        action,
        step,
        where,
        source);
  }
}
