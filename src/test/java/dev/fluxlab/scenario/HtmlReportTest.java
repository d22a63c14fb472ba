package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final ScenarioResult PASSED =
      new ScenarioResult(
          "prune",
          "scenarios/prune.yaml",
          List.of(new StepResult("it is pruned", true, Duration.ofMillis(1500), null)));

  /** A matrix run of a scenario whose script printed markup and whose check failed. */
  private static final ScenarioResult FAILED =
      new ScenarioResult(
          "drift[cluster=staging]",
          "scenarios/drift.yaml",
          List.of(
              new StepResult(
                  "script",
                  true,
                  Duration.ofMillis(10),
                  null,
                  "\u001b[32mok\u001b[0m\n<script>alert('x')</script>"),
              new StepResult(
                  "restored",
                  false,
                  Duration.ofMillis(20),
                  "ConfigMap/apps/tier: expected data.tier = \"base\", saw \"edited\""
                      + " (Kustomization apps: Ready=False <ReconciliationFailed>)"),
              new StepResult(
                  "collect: Flux objects and events",
                  true,
                  Duration.ofMillis(3),
                  null,
                  "Kustomization/flux-system/apps Ready=False & stalled")));

  @Test
  void rendersTheSummaryAndEveryStepLikeTheGoldenFile() throws Exception {
    String expected =
        Files.readString(
            Path.of(getClass().getResource("/html-report/two-scenarios.html").toURI()));

    assertThat(HtmlReport.render(List.of(PASSED, FAILED))).isEqualTo(expected);
  }

  @Test
  void stepOutputCannotInjectMarkupOrScripts() {
    String html = HtmlReport.render(List.of(FAILED));

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("\u001b")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("Ready=False &lt;ReconciliationFailed&gt;")
        .contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
  }

  @Test
  void writesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.html");

    HtmlReport.write(file, List.of(PASSED));

    assertThat(Files.readString(file))
        .contains("<title>fluxlab scenarios: 1 passed, 0 failed</title>");
  }
}
