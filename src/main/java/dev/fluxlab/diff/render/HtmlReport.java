package dev.fluxlab.diff.render;

import dev.fluxlab.diff.ClusterDiff;
import dev.fluxlab.diff.DiffReport;
import dev.fluxlab.diff.FieldChange;
import dev.fluxlab.util.Yaml;
import java.io.PrintWriter;

/** The diff as one self-contained HTML page (inline style, no scripts, nothing fetched). */
final class HtmlReport {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}"
          + "td.n{text-align:right}pre{background:#f6f8fa;padding:.6em;overflow:auto}"
          + ".add{color:#116329}.del{color:#82071e}.danger{color:#9a6700}.fail{color:#82071e}"
          + "summary{cursor:pointer}";

  private HtmlReport() {}

  static void print(DiffReport report, PrintWriter out) {
    out.println("<!DOCTYPE html>");
    out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>fluxlab diff</title>");
    out.println("<style>" + STYLE + "</style></head><body>");
    out.println("<h1>fluxlab diff</h1>");
    out.println(
        "<p>base <code>"
            + h(report.base())
            + "</code> → head <code>"
            + h(report.head())
            + "</code></p>");
    if (!report.hasChanges() && !report.hasFailures()) {
      out.println("<p><strong>no changes</strong></p>");
    }
    out.println(
        "<table><tr><th>cluster</th><th>added</th><th>changed</th><th>deleted</th>"
            + "<th>failing at head</th><th>danger notes</th></tr>");
    for (ClusterDiff c : report.clusters()) {
      out.println(
          "<tr><td><a href=\"#c-"
              + h(c.cluster())
              + "\">"
              + h(c.cluster())
              + "</a></td><td class=n>"
              + c.added().size()
              + "</td><td class=n>"
              + c.changed().size()
              + "</td><td class=n>"
              + c.deleted().size()
              + "</td><td class=n>"
              + c.failing()
              + "</td><td class=n>"
              + c.dangers().size()
              + "</td></tr>");
    }
    out.println("</table>");
    for (ClusterDiff c : report.clusters()) {
      out.println(
          "<h2 id=\"c-"
              + h(c.cluster())
              + "\">"
              + h(c.cluster())
              + ": "
              + h(Summary.of(c))
              + "</h2>");
      out.println("<ul>");
      for (ClusterDiff.Danger d : c.dangers()) {
        out.println(
            "<li class=danger><strong>"
                + d.kind()
                + "</strong> <code>"
                + h(d.subject())
                + "</code> "
                + h(d.message())
                + "</li>");
      }
      for (ClusterDiff.Outcome o : c.outcomes()) {
        out.println(
            "<li"
                + (o.failsAtHead() ? " class=fail" : "")
                + "><code>"
                + h(o.id().toString())
                + "</code> "
                + h(Summary.outcome(o))
                + "</li>");
      }
      out.println("</ul>");
      for (ClusterDiff.Added a : c.added()) {
        out.println(
            "<details><summary class=add>+ "
                + h(a.id().toString())
                + h(Summary.owner(a.owner()))
                + "</summary><pre>"
                + h(Yaml.write(a.object()))
                + "</pre></details>");
      }
      for (ClusterDiff.Changed ch : c.changed()) {
        out.println(
            "<details open><summary>~ "
                + h(ch.id().toString())
                + h(Summary.owner(ch.owner()))
                + "</summary><pre>");
        for (FieldChange f : ch.fields()) {
          for (String line : Values.describe(f)) {
            String cls = line.startsWith("+ ") ? "add" : line.startsWith("- ") ? "del" : null;
            out.println(cls == null ? h(line) : "<span class=" + cls + ">" + h(line) + "</span>");
          }
        }
        out.println("</pre></details>");
      }
      for (ClusterDiff.Deleted d : c.deleted()) {
        out.println(
            "<div class=del>- "
                + h(d.id().toString())
                + " "
                + h(Summary.fate(d))
                + ": "
                + h(d.why())
                + "</div>");
      }
    }
    out.println("<p>" + h(report.hasChanges() ? Summary.totals(report) : "no changes") + "</p>");
    out.println("</body></html>");
  }

  private static String h(String s) {
    return MarkdownReport.html(s);
  }
}
