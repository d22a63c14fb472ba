package dev.fluxlab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes scenario results as JUnit XML (one testsuite per scenario, one testcase per step). */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(Path file, List<ScenarioResult> results) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (ScenarioResult r : results) {
      long failures = r.steps().stream().filter(s -> !s.passed()).count();
      xml.append(
          String.format(
              "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">%n",
              esc(r.name()), r.steps().size(), failures, r.duration().toMillis() / 1000.0));
      for (StepResult s : r.steps()) {
        xml.append(
            String.format(
                "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                esc("scenario." + r.name()), esc(s.name()), s.duration().toMillis() / 1000.0));
        if (s.passed()) {
          xml.append("/>\n");
        } else {
          xml.append(">\n      <failure message=\"")
              .append(esc(s.message()))
              .append("\">")
              .append(esc(s.message()))
              .append("</failure>\n    </testcase>\n");
        }
      }
      xml.append("  </testsuite>\n");
    }
    xml.append("</testsuites>\n");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, xml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
