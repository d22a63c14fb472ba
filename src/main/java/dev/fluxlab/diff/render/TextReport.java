package dev.fluxlab.diff.render;

import dev.fluxlab.diff.ClusterDiff;
import dev.fluxlab.diff.DiffReport;
import dev.fluxlab.diff.FieldChange;
import java.io.PrintWriter;

/** The diff for a terminal: one block per cluster, danger notes first. */
public final class TextReport {
  private TextReport() {}

  public static void print(DiffReport report, PrintWriter out) {
    out.println("fluxlab diff: base " + report.base() + " -> head " + report.head());
    for (ClusterDiff c : report.clusters()) {
      out.println();
      out.println("cluster " + c.cluster() + ": " + Summary.of(c));
      for (ClusterDiff.Danger d : c.dangers()) {
        out.println("  danger " + d.kind() + ": " + d.subject() + " " + d.message());
      }
      for (ClusterDiff.Outcome o : c.outcomes()) {
        out.println("  ! " + o.id() + " " + Summary.outcome(o));
      }
      for (ClusterDiff.Added a : c.added()) {
        out.println("  + " + a.id() + Summary.owner(a.owner()));
      }
      for (ClusterDiff.Changed ch : c.changed()) {
        out.println("  ~ " + ch.id() + Summary.owner(ch.owner()));
        for (FieldChange f : ch.fields()) {
          for (String line : Values.describe(f)) {
            out.println("      " + line);
          }
        }
      }
      for (ClusterDiff.Deleted d : c.deleted()) {
        out.println("  - " + d.id() + " " + Summary.fate(d) + ": " + d.why());
      }
    }
    out.println();
    out.println(report.hasChanges() ? Summary.totals(report) : "no changes");
    out.flush();
  }
}
