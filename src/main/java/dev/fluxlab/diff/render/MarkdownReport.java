package dev.fluxlab.diff.render;

import dev.fluxlab.diff.ClusterDiff;
import dev.fluxlab.diff.DiffReport;
import dev.fluxlab.diff.FieldChange;
import dev.fluxlab.util.Yaml;
import java.io.PrintWriter;

/**
 * The diff as a pull-request comment (GitHub and GitLab markdown): a summary table of every
 * cluster, then per cluster the danger notes and failing Flux objects in the open and the object
 * changes in collapsible sections. Starts with a marker comment so CI can update its earlier
 * comment instead of adding one per push.
 */
final class MarkdownReport {
  static final String MARKER = "<!-- fluxlab-diff -->";

  private MarkdownReport() {}

  static void print(DiffReport report, PrintWriter out) {
    out.println(MARKER);
    out.println("### fluxlab diff");
    out.println();
    out.println("base `" + report.base() + "` → head `" + report.head() + "`");
    out.println();
    if (!report.hasChanges() && !report.hasFailures()) {
      out.println("**no changes** on " + report.clusters().size() + " clusters");
      return;
    }
    out.println("| cluster | added | changed | deleted | failing at head | danger notes |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (ClusterDiff c : report.clusters()) {
      out.println(
          "| "
              + cell(c.cluster())
              + (c.atBase() ? "" : " (new)")
              + (c.atHead() ? "" : " (removed)")
              + " | "
              + c.added().size()
              + " | "
              + c.changed().size()
              + " | "
              + c.deleted().size()
              + " | "
              + (c.failing() > 0 ? "**" + c.failing() + "**" : "0")
              + " | "
              + (c.dangers().isEmpty() ? "0" : "**" + c.dangers().size() + "**")
              + " |");
    }
    for (ClusterDiff c : report.clusters()) {
      if (!c.hasChanges() && !c.hasFailures()) {
        continue;
      }
      out.println();
      out.println("#### " + cell(c.cluster()) + ": " + cell(Summary.of(c)));
      out.println();
      for (ClusterDiff.Danger d : c.dangers()) {
        out.println("- ⚠️ **" + d.kind() + "** `" + d.subject() + "` " + cell(d.message()));
      }
      for (ClusterDiff.Outcome o : c.outcomes()) {
        out.println(
            "- " + (o.failsAtHead() ? "❌" : "✅") + " `" + o.id() + "` " + cell(Summary.outcome(o)));
      }
      if (!c.added().isEmpty()) {
        details(out, "Added: " + c.added().size() + " objects");
        for (ClusterDiff.Added a : c.added()) {
          out.println(
              "<details><summary><code>+ "
                  + html(a.id().toString())
                  + "</code>"
                  + html(Summary.owner(a.owner()))
                  + "</summary>");
          out.println();
          out.println("```yaml");
          out.print(fence(Yaml.write(a.object())));
          out.println("```");
          out.println("</details>");
        }
        out.println("</details>");
      }
      if (!c.changed().isEmpty()) {
        details(out, "Changed: " + c.changed().size() + " objects");
        out.println("```diff");
        for (ClusterDiff.Changed ch : c.changed()) {
          out.println("~ " + ch.id() + Summary.owner(ch.owner()));
          for (FieldChange f : ch.fields()) {
            for (String line : Values.describe(f)) {
              out.println(diffLine(line));
            }
          }
        }
        out.println("```");
        out.println("</details>");
      }
      if (!c.deleted().isEmpty()) {
        details(out, "Deleted: " + c.deleted().size() + " objects");
        out.println("```diff");
        for (ClusterDiff.Deleted d : c.deleted()) {
          out.println(fence("- " + d.id() + " " + Summary.fate(d) + ": " + d.why()));
        }
        out.println("```");
        out.println("</details>");
      }
    }
    out.println();
    out.println(Summary.totals(report));
  }

  private static void details(PrintWriter out, String summary) {
    out.println();
    out.println("<details><summary>" + html(summary) + "</summary>");
    out.println();
  }

  /** Lines of a multi-line value's diff keep their +/- in column one for diff highlighting. */
  private static String diffLine(String line) {
    if (line.startsWith("+ ") || line.startsWith("- ")) {
      return fence(line);
    }
    return fence("    " + line);
  }

  /** Text inside a table cell or list item: no line breaks, no table separators. */
  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** Text inside a code fence must not close it. */
  private static String fence(String s) {
    return s.replace("```", "`\u200b``");
  }

  static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
