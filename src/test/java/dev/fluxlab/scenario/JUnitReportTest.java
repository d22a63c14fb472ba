package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportTest {
  @Test
  void writesOneSuitePerScenarioWithTheFailureMessageEscaped(@TempDir Path dir) throws Exception {
    ScenarioResult passed =
        new ScenarioResult(
            "prune",
            "scenarios/prune.yaml",
            List.of(new StepResult("it is pruned", true, Duration.ofMillis(1500), null)));
    ScenarioResult failed =
        new ScenarioResult(
            "drift",
            "scenarios/drift.yaml",
            List.of(
                new StepResult("edit", true, Duration.ofMillis(10), null),
                new StepResult(
                    "restored",
                    false,
                    Duration.ofMillis(20),
                    "expected data.tier = \"base\" <but> saw & more")));
    Path file = dir.resolve("reports/junit.xml");

    JUnitReport.write(file, List.of(passed, failed));

    String xml = Files.readString(file);
    assertThat(xml)
        .contains("<testsuite name=\"prune\" tests=\"1\" failures=\"0\" time=\"1.500\">")
        .contains("<testsuite name=\"drift\" tests=\"2\" failures=\"1\"")
        .contains("<testcase classname=\"scenario.drift\" name=\"restored\"")
        .contains("message=\"expected data.tier = &quot;base&quot; &lt;but&gt; saw &amp; more\"");
  }
}
