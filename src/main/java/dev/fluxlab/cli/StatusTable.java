package dev.fluxlab.cli;

import dev.fluxlab.ops.ObjectStatus;
import java.io.PrintWriter;
import java.util.List;

/** Prints Flux objects like {@code flux get all -A}, one table for all clusters. */
final class StatusTable {
  private StatusTable() {}

  static void print(PrintWriter out, List<ObjectStatus> rows) {
    String format = "%-11s %-34s %-6s %-9s %-40s %s%n";
    out.printf(format, "CLUSTER", "NAME", "READY", "SUSPENDED", "REVISION", "MESSAGE");
    for (ObjectStatus s : rows) {
      out.printf(
          format,
          s.cluster(),
          s.kind().shortName() + "/" + s.namespace() + "/" + s.name(),
          s.ready(),
          s.suspended(),
          shorten(s.revision(), 40),
          s.message().lines().findFirst().orElse(""));
    }
    out.flush();
  }

  private static String shorten(String s, int max) {
    return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
