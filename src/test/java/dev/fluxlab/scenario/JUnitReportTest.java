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
        .contains("<testsuites name=\"fluxlab scenarios\" tests=\"3\" failures=\"1\"")
        .contains(
            "<testsuite name=\"prune\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\""
                + " time=\"1.500\" file=\"scenarios/prune.yaml\">")
        .contains("<testsuite name=\"drift\" tests=\"2\" failures=\"1\"")
        .contains("<testcase classname=\"scenario.drift\" name=\"restored\"")
        .contains("message=\"expected data.tier = &quot;base&quot; &lt;but&gt; saw &amp; more\"");
  }

  @Test
  void theReportHasTheCommonJUnitShapeWithCollectedOutput(@TempDir Path dir) throws Exception {
    ScenarioResult failed =
        new ScenarioResult(
            "s[cluster=staging]",
            "scenarios/s.yaml",
            List.of(
                new StepResult(
                    "script", true, Duration.ofMillis(5), null, "\u001b[32mgreen\u001b[0m"),
                new StepResult("check", false, Duration.ofMillis(7), "expected a, but b"),
                new StepResult(
                    "collect: Flux objects and events",
                    true,
                    Duration.ofMillis(3),
                    null,
                    "Kustomization/flux-system/apps Ready=False <ReconciliationFailed>")));
    Path file = dir.resolve("junit.xml");

    JUnitReport.write(file, List.of(failed));

    var schema =
        javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/junit-shape.xsd"));
    schema.newValidator().validate(new javax.xml.transform.stream.StreamSource(file.toFile()));
    assertThat(Files.readString(file))
        .contains("<system-out>[32mgreen[0m</system-out>")
        .contains("Ready=False &lt;ReconciliationFailed&gt;</system-out>");
  }
}
