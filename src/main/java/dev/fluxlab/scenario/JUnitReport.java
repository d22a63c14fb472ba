package dev.fluxlab.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes scenario results as JUnit XML: one testsuite per scenario, one testcase per step (the
 * failure message says what was expected, what was seen and Flux's message); what a step collected
 * is its system-out.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(Path file, List<ScenarioResult> results) {
    long tests = results.stream().mapToLong(r -> r.steps().size()).sum();
    long failed = results.stream().mapToLong(ScenarioResult::failedSteps).sum();
    double seconds = results.stream().mapToLong(r -> r.duration().toMillis()).sum() / 1000.0;
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append(
                String.format(
                    "<testsuites name=\"fluxlab scenarios\" tests=\"%d\" failures=\"%d\""
                        + " errors=\"0\" time=\"%.3f\">%n",
                    tests, failed, seconds));
    for (ScenarioResult r : results) {
      xml.append(
          String.format(
              "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\""
                  + " skipped=\"0\" time=\"%.3f\" file=\"%s\">%n",
              esc(r.name()),
              r.steps().size(),
              r.failedSteps(),
              r.duration().toMillis() / 1000.0,
              esc(r.source())));
      for (StepResult s : r.steps()) {
        xml.append(
            String.format(
                "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                esc("scenario." + r.name()), esc(s.name()), s.duration().toMillis() / 1000.0));
        boolean hasOutput = s.output() != null && !s.output().isBlank();
        if (s.passed() && !hasOutput) {
          xml.append("/>\n");
          continue;
        }
        xml.append(">\n");
        if (!s.passed()) {
          xml.append("      <failure message=\"")
              .append(esc(s.message()))
              .append("\">")
              .append(esc(s.message()))
              .append("</failure>\n");
        }
        if (hasOutput) {
          xml.append("      <system-out>").append(esc(s.output())).append("</system-out>\n");
        }
        xml.append("    </testcase>\n");
      }
      xml.append("  </testsuite>\n");
    }
    xml.append("</testsuites>\n");
    ReportFile.write(file, xml);
  }

  private static String esc(String s) {
    return Markup.escape(s);
  }
}
