package dev.fluxlab.cli;

import dev.fluxlab.ops.ObjectStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@code fluxlab check} as files for a CI system: JUnit XML (one testcase per Flux
 * object, failed when it is not Ready, with the Flux reason and message) and a Markdown summary
 * (verdict and status table, for a job summary or a merge-request comment).
 */
final class CheckReport {
  private final String subject;
  private final List<ObjectStatus> rows;
  private final String failure;

  /**
   * @param subject what was checked, e.g. {@code deploy/clusters/dev}
   * @param failure why the check failed, or null when it passed
   */
  CheckReport(String subject, List<ObjectStatus> rows, String failure) {
    this.subject = subject;
    this.rows = List.copyOf(rows);
    this.failure = failure;
  }

  String junit() {
    // Nothing to list (e.g. the environment did not start): the failure itself is the testcase.
    boolean deployFailed = rows.isEmpty() && failure != null;
    long failures = rows.stream().filter(r -> !passed(r)).count() + (deployFailed ? 1 : 0);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        String.format(
            "<testsuites>%n  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\">%n",
            esc("fluxlab check " + subject), deployFailed ? 1 : rows.size(), failures));
    for (ObjectStatus r : rows) {
      xml.append(
          String.format(
              "    <testcase classname=\"%s\" name=\"%s\"",
              esc("fluxlab.check." + r.cluster()), esc(r.id())));
      if (passed(r)) {
        xml.append("/>\n");
      } else {
        String message = "Ready=" + r.ready() + " " + r.reason() + ": " + r.message();
        // e.g. "Ready=False BuildFailed: kustomize build failed: ..."
        xml.append(">\n      <failure message=\"")
            .append(esc(message))
            .append("\">")
            .append(esc(message))
            .append("</failure>\n    </testcase>\n");
      }
    }
    if (deployFailed) {
      xml.append("    <testcase classname=\"fluxlab.check\" name=\"deploy\">\n")
          .append("      <failure message=\"")
          .append(esc(failure))
          .append("\"/>\n    </testcase>\n");
    }
    return xml.append("  </testsuite>\n</testsuites>\n").toString();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### fluxlab check `")
        .append(subject)
        .append("`: ")
        .append(failure == null ? "passed" : "failed")
        .append("\n\n");
    if (failure != null) {
      md.append(mdCell(failure)).append("\n\n");
    }
    md.append("| cluster | object | ready | reason | revision | message |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (ObjectStatus r : rows) {
      md.append("| ")
          .append(
              String.join(
                  " | ",
                  mdCell(r.cluster()),
                  mdCell(r.id()),
                  mdCell(r.ready()),
                  mdCell(r.reason()),
                  mdCell(r.revision())))
          .append(" | ")
          .append(mdCell(r.message() == null ? "" : r.message().lines().findFirst().orElse("")))
          .append(" |\n");
    }
    return md.toString();
  }

  static void write(Path file, String content) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean passed(ObjectStatus r) {
    return r.isReady();
  }

  private static String mdCell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  private static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
