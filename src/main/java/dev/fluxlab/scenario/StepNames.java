package dev.fluxlab.scenario;

import java.util.stream.Collectors;

/** The name a step gets when its file gives none: the action and what it acts on. */
final class StepNames {
  private StepNames() {}

  static String describe(Action a) {
    if (a instanceof Action.EditFile e) {
      return e.file();
    }
    if (a instanceof Action.Check c) {
      String expected = c.expectation().describe();
      if (c.negated()) {
        return c.target() + ": " + (expected.equals("exists") ? "absent" : "not " + expected);
      }
      return c.target() + ": " + expected;
    }
    if (a instanceof Action.ChangeObject c) {
      return c.target() + " " + c.path();
    }
    if (a instanceof Action.Reconcile r) {
      return r.target().toString();
    }
    if (a instanceof Action.DeleteObject d) {
      return d.target().toString();
    }
    if (a instanceof Action.Apply ap) {
      return ap.documents().stream()
          .map(doc -> Manifests.refOf(doc, ap.namespace()).toString())
          .collect(Collectors.joining(", "));
    }
    if (a instanceof Action.Collect c) {
      return c.target().toString();
    }
    if (a instanceof Action.Logs l) {
      return l.describe();
    }
    if (a instanceof Action.Patch p) {
      return p.target().toString();
    }
    if (a instanceof Action.Run r) {
      String text = r.command() != null ? String.join(" ", r.command()) : r.script().strip();
      String line = text.lines().findFirst().orElse("");
      return line.length() > 50 ? line.substring(0, 50) + "…" : line;
    }
    if (a instanceof Action.Http h) {
      return h.namespace() + "/" + h.service() + h.path();
    }
    return ((Action.Suspend) a).target().toString();
  }
}
