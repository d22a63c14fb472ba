package dev.fluxlab.embedded.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A status condition as Flux writes it (kstatus style: type, status, reason, message). */
public record Condition(String type, String status, String reason, String message) {
  public static final String READY = "Ready";
  public static final String STALLED = "Stalled";

  /**
   * Reasons Flux treats as terminal: retrying cannot fix them, so the object is also marked Stalled
   * (which kstatus, and therefore health checks of the Kustomization that applied it, read as
   * Failed at once instead of waiting for the timeout).
   */
  private static final java.util.Set<String> TERMINAL_REASONS =
      java.util.Set.of("AccessDenied", "UnsupportedField", "InvalidCELExpression", "URLInvalid");

  public static Condition ready(String reason, String message) {
    return new Condition(READY, "True", reason, message);
  }

  public static Condition notReady(String reason, String message) {
    return new Condition(READY, "False", reason, message);
  }

  public boolean isTrue() {
    return "True".equals(status);
  }

  /**
   * Sets this condition in {@code status.conditions}, keeping {@code lastTransitionTime} when the
   * status did not change, as the API conventions ask.
   */
  public void writeTo(Map<String, Object> status, long observedGeneration) {
    List<Object> conditions = new ArrayList<>(Maps.list(status, "conditions"));
    String transition = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (int i = 0; i < conditions.size(); i++) {
      if (type.equals(Maps.string(conditions.get(i), "type"))) {
        if (this.status.equals(Maps.string(conditions.get(i), "status"))) {
          transition = Maps.string(conditions.get(i), "lastTransitionTime");
        }
        conditions.remove(i);
        break;
      }
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", this.status);
    c.put("observedGeneration", observedGeneration);
    c.put("lastTransitionTime", transition);
    c.put("reason", reason);
    c.put("message", message);
    // Ready first, as Flux orders it, so `kubectl describe` shows it on top.
    if (READY.equals(type)) {
      conditions.add(0, c);
    } else {
      conditions.add(c);
    }
    status.put("conditions", conditions);
    if (READY.equals(type)) {
      if ("False".equals(this.status) && TERMINAL_REASONS.contains(reason)) {
        new Condition(STALLED, "True", reason, message).writeTo(status, observedGeneration);
      } else {
        remove(status, STALLED);
      }
    }
  }

  /** Removes a condition type from {@code status.conditions}. */
  public static void remove(Map<String, Object> status, String type) {
    List<Object> conditions = new ArrayList<>(Maps.list(status, "conditions"));
    conditions.removeIf(c -> type.equals(Maps.string(c, "type")));
    status.put("conditions", conditions);
  }

  /** Reads a condition of an object's status, or null. */
  public static Condition read(Map<String, Object> status, String type) {
    for (Object c : Maps.list(status, "conditions")) {
      if (type.equals(Maps.string(c, "type"))) {
        return new Condition(
            type, Maps.string(c, "status"), Maps.string(c, "reason"), Maps.string(c, "message"));
      }
    }
    return null;
  }
}
