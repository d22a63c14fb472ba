package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.FluxKind;
import dev.fluxlab.ops.ObjectStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a failed check reads in JUnit and Markdown (the passing case runs for real in CiReportsTest).
 */
class CheckReportTest {
  private static final ObjectStatus SOURCE =
      new ObjectStatus(
          "dev",
          FluxKind.GIT_REPOSITORY,
          "flux-system",
          "flux-system",
          "True",
          "Succeeded",
          "stored artifact",
          "main@sha1:abc",
          false,
          true);
  private static final ObjectStatus BROKEN =
      new ObjectStatus(
          "dev",
          FluxKind.KUSTOMIZATION,
          "flux-system",
          "apps",
          "False",
          "BuildFailed",
          "kustomize build failed: a|b <x> \"y\"\nsecond line",
          "",
          false,
          false);

  private final CheckReport report =
      new CheckReport("clusters/dev", List.of(SOURCE, BROKEN), "not all Flux objects became Ready");

  @Test
  void junitHasOneTestcasePerObjectAndTheFluxReasonOfTheFailedOne() {
    assertThat(report.junit())
        .contains(
            "<testsuite name=\"fluxlab check clusters/dev\" tests=\"2\" failures=\"1\">",
            "<testcase classname=\"fluxlab.check.dev\" name=\"GitRepository/flux-system/flux-system\"/>",
            "<testcase classname=\"fluxlab.check.dev\" name=\"Kustomization/flux-system/apps\">",
            "<failure message=\"Ready=False BuildFailed: kustomize build failed: a|b &lt;x&gt;"
                + " &quot;y&quot;\nsecond line\">");
  }

  @Test
  void markdownSaysFailedWhyAndShowsOneEscapedRowPerObject() {
    assertThat(report.markdown())
        .isEqualTo(
            """
            ### fluxlab check `clusters/dev`: failed

            not all Flux objects became Ready

            | cluster | object | ready | reason | revision | message |
            |---|---|---|---|---|---|
            | dev | GitRepository/flux-system/flux-system | True | Succeeded | main@sha1:abc | stored artifact |
            | dev | Kustomization/flux-system/apps | False | BuildFailed |  | kustomize build failed: a\\|b <x> "y" |
            """);
  }

  @Test
  void aDeployThatFailedBeforeAnyObjectExistedIsOneFailedTestcase() {
    CheckReport early = new CheckReport("clusters/dev", List.of(), "port 8080 is already in use");

    assertThat(early.junit())
        .contains("tests=\"1\" failures=\"1\"")
        .contains("<failure message=\"port 8080 is already in use\"/>");
  }
}
