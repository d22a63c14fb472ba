package dev.fluxlab.diff.render;

import dev.fluxlab.diff.ClusterDiff;
import dev.fluxlab.diff.DiffReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short phrases every format shares, so they all say the same. */
final class Summary {
  private Summary() {}

  static String of(ClusterDiff c) {
    if (!c.atHead()) {
      return "removed at head (" + c.deleted().size() + " objects no longer applied)";
    }
    if (!c.hasChanges()) {
      return c.hasFailures()
          ? "no changes, " + c.failing() + " failing at base and head"
          : "no changes";
    }
    List<String> parts = new ArrayList<>();
    if (!c.atBase()) {
      parts.add("new cluster");
    }
    parts.add(c.added().size() + " added");
    parts.add(c.changed().size() + " changed");
    parts.add(c.deleted().size() + " deleted");
    if (c.failing() > 0) {
      parts.add(c.failing() + " failing at head");
    }
    if (!c.dangers().isEmpty()) {
      parts.add(c.dangers().size() + " danger notes");
    }
    return String.join(", ", parts);
  }

  static String totals(DiffReport report) {
    long changed = report.clusters().stream().filter(ClusterDiff::hasChanges).count();
    long failing = report.clusters().stream().mapToLong(ClusterDiff::failing).sum();
    return changed
        + " of "
        + report.clusters().size()
        + " clusters change"
        + (failing > 0 ? "; " + failing + " Flux objects fail at head" : "");
  }

  static String owner(String owner) {
    return owner == null ? "" : "  (" + owner + ")";
  }

  static String outcome(ClusterDiff.Outcome o) {
    String from = o.before() == null ? "new" : "Ready " + o.before();
    return from
        + " -> Ready "
        + o.ready()
        + (o.reason().isEmpty() ? "" : " " + o.reason())
        + (o.message().isEmpty() || "True".equals(o.ready()) ? "" : ": " + o.message());
  }

  static String fate(ClusterDiff.Deleted d) {
    return d.fate().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
