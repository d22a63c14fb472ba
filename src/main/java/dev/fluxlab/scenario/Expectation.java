package dev.fluxlab.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code wait} or {@code assert} step expects of an object. Every field that is set must
 * hold; {@code ready} checks the Ready condition (and, when true, that the current generation and
 * any requested reconcile were handled); {@code object} is a subtree the live object must contain
 * ({@link PartialMatch}); {@code expr} a CEL expression over it that must be true.
 */
public record Expectation(
    Boolean ready,
    String reason,
    String messageContains,
    String revision,
    String revisionContains,
    String field,
    Object equalsValue,
    String contains,
    boolean absent,
    Object object,
    CelExpression expr) {
  public Expectation(
      Boolean ready,
      String reason,
      String messageContains,
      String revision,
      String revisionContains,
      String field,
      Object equalsValue,
      String contains,
      boolean absent) {
    this(
        ready,
        reason,
        messageContains,
        revision,
        revisionContains,
        field,
        equalsValue,
        contains,
        absent,
        null,
        null);
  }

  /** A short description for step names and failure messages. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (absent) {
      parts.add("absent");
    }
    if (ready != null) {
      parts.add("Ready=" + (ready ? "True" : "False"));
    }
    if (reason != null) {
      parts.add("reason " + reason);
    }
    if (messageContains != null) {
      parts.add("message contains '" + messageContains + "'");
    }
    if (revision != null) {
      parts.add("revision " + revision);
    }
    if (revisionContains != null) {
      parts.add("revision contains '" + revisionContains + "'");
    }
    if (field != null) {
      parts.add(
          field
              + (equalsValue != null ? " = " + equalsValue : "")
              + (contains != null ? " contains '" + contains + "'" : ""));
    }
    if (object != null) {
      parts.add("object " + object);
    }
    if (expr != null) {
      parts.add("'" + expr.source() + "'");
    }
    return parts.isEmpty() ? "exists" : String.join(", ", parts);
  }
}
