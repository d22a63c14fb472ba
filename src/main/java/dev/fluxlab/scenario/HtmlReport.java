package dev.fluxlab.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes scenario results as one self-contained HTML page: a summary table (scenario, result,
 * duration, steps), then each scenario's steps with result, duration, the failure message as the
 * runner gave it and what the step collected, folded in a {@code <details>}. Inline CSS only, no
 * script, nothing fetched (the page's Content-Security-Policy says so too); every text is escaped.
 */
public final class HtmlReport {
  // A script's colour codes: shown as text they are noise, so they go before escaping.
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 2em; color: #1b1f24; }
      table { border-collapse: collapse; margin-bottom: 1.5em; }
      th, td { border: 1px solid #d0d7de; padding: .3em .7em; text-align: left; vertical-align: top; }
      th { background: #f6f8fa; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      tr.passed > .result, section.passed > h2 > .result { color: #1a7f37; font-weight: bold; }
      tr.failed > .result, section.failed > h2 > .result { color: #cf222e; font-weight: bold; }
      tr.failed td { background: #fff5f5; }
      h2 { margin-top: 1.5em; }
      h2 .result { font-size: .8em; margin-left: .5em; }
      .source { color: #57606a; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .3em 0; }
      pre.message { color: #cf222e; }
      summary { cursor: pointer; color: #57606a; }
      """;

  private HtmlReport() {}

  public static void write(Path file, List<ScenarioResult> results) {
    ReportFile.write(file, render(results));
  }

  static String render(List<ScenarioResult> results) {
    long failed = results.stream().filter(r -> !r.passed()).count();
    String verdict = (results.size() - failed) + " passed, " + failed + " failed";
    StringBuilder html =
        new StringBuilder()
            .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\"")
            .append(" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .append("<title>fluxlab scenarios: ")
            .append(verdict)
            .append("</title>\n<style>\n")
            .append(STYLE)
            .append("</style>\n</head>\n<body>\n<h1>fluxlab scenarios</h1>\n<p>")
            .append(results.size())
            .append(results.size() == 1 ? " scenario: " : " scenarios: ")
            .append(verdict)
            .append("</p>\n");
    summary(html, results);
    for (int i = 0; i < results.size(); i++) {
      scenario(html, i + 1, results.get(i));
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder html, List<ScenarioResult> results) {
    html.append("<table>\n<thead><tr><th>Scenario</th><th>Result</th><th>Duration</th>")
        .append("<th>Steps</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < results.size(); i++) {
      ScenarioResult r = results.get(i);
      html.append("<tr class=\"")
          .append(outcome(r.passed()))
          .append("\"><td><a href=\"#scenario-")
          .append(i + 1)
          .append("\">")
          .append(esc(r.name()))
          .append("</a></td><td class=\"result\">")
          .append(outcome(r.passed()))
          .append("</td><td class=\"num\">")
          .append(seconds(r.duration()))
          .append("</td><td class=\"num\">")
          .append(r.steps().size())
          .append(r.failedSteps() == 0 ? "" : " (" + r.failedSteps() + " failed)")
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void scenario(StringBuilder html, int number, ScenarioResult r) {
    html.append("<section id=\"scenario-")
        .append(number)
        .append("\" class=\"")
        .append(outcome(r.passed()))
        .append("\">\n<h2>")
        .append(esc(r.name()))
        .append("<span class=\"result\">")
        .append(outcome(r.passed()))
        .append("</span></h2>\n");
    if (r.source() != null && !r.source().isBlank()) {
      html.append("<p class=\"source\">").append(esc(r.source())).append("</p>\n");
    }
    html.append("<table>\n<thead><tr><th>Step</th><th>Result</th><th>Duration</th>")
        .append("<th>Details</th></tr></thead>\n<tbody>\n");
    for (StepResult s : r.steps()) {
      step(html, s);
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void step(StringBuilder html, StepResult s) {
    html.append("<tr class=\"")
        .append(outcome(s.passed()))
        .append("\"><td>")
        .append(esc(s.name()))
        .append("</td><td class=\"result\">")
        .append(outcome(s.passed()))
        .append("</td><td class=\"num\">")
        .append(seconds(s.duration()))
        .append("</td><td>");
    if (s.message() != null && !s.message().isBlank()) {
      html.append("<pre class=\"message\">").append(esc(s.message())).append("</pre>");
    }
    if (s.output() != null && !s.output().isBlank()) {
      long lines = s.output().lines().count();
      html.append("<details><summary>output (")
          .append(lines)
          .append(lines == 1 ? " line" : " lines")
          .append(")</summary><pre>")
          .append(esc(s.output()))
          .append("</pre></details>");
    }
    html.append("</td></tr>\n");
  }

  private static String outcome(boolean passed) {
    return passed ? "passed" : "failed";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
  }

  private static String esc(String s) {
    return s == null ? "" : Markup.escape(ANSI.matcher(s).replaceAll(""));
  }
}
