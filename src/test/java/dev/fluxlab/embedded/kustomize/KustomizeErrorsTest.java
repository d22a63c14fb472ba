package dev.fluxlab.embedded.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Build errors read as kustomize-controller reports them, whatever tool ran kustomize. */
class KustomizeErrorsTest {
  @Test
  void kubectlsKlogPrefixAndStructuredWrappingAreRemoved() {
    String kubectl =
        "E1201 19:30:52.360371   10000 run.go:72] \"command failed\" err=\"accumulating"
            + " resources: accumulation err='accumulating resources from 'missing.yaml': open"
            + " /tmp/build-1/apps/x/missing.yaml: no such file or directory'\"";

    assertThat(KustomizeErrors.clean(kubectl, Path.of("/tmp/build-1")))
        .isEqualTo(
            "accumulating resources: accumulation err='accumulating resources from"
                + " 'missing.yaml': open apps/x/missing.yaml: no such file or directory'");
  }

  @Test
  void olderKubectlsErrorPrefixIsRemovedToo() {
    assertThat(KustomizeErrors.clean("Error: map[string]interface {}(nil): yaml: line 3"))
        .isEqualTo("map[string]interface {}(nil): yaml: line 3");
  }

  @Test
  void theArtifactRootItselfBecomesDot() {
    assertThat(
            KustomizeErrors.clean(
                "path '/etc/passwd' is not in or below '/state/artifact'",
                Path.of("/state/artifact")))
        .isEqualTo("path '/etc/passwd' is not in or below '.'");
  }
}
