package dev.fluxlab.embedded.source;

import static dev.fluxlab.api.FluxKind.OCI_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.oci.RegistryBinary;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.oci.RegistryRoute;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the registry binary is not built, OCIRepositories say so instead of passing silently. */
class OCIRepositoryWithoutRegistryTest {
  @Test
  void anOciRepositoryIsReadyFalseSayingHowToBuildTheRegistry(@TempDir Path tmp) {
    try (FluxHarness flux =
        new FluxHarness(tmp, RegistryRoute.unavailable(RegistryBinary.missingMessage()))) {
      flux.create(
          OCI_REPOSITORY,
          "apps",
          Map.of("interval", "10m", "url", "oci://" + RegistryRoute.STABLE_HOST + "/apps"));

      Condition ready = flux.awaitReady(OCI_REPOSITORY, "apps", "False", "RegistryNotAvailable");

      assertThat(ready.message())
          .contains("registry binary " + RegistryBinary.VERSION + " is not built")
          .contains("scripts/build-real-components registry");

      // A field the embedded backend does not implement is refused, not ignored.
      flux.create(
          OCI_REPOSITORY,
          "signed",
          Map.of(
              "interval",
              "10m",
              "url",
              "oci://" + RegistryRoute.STABLE_HOST + "/apps",
              "verify",
              Map.of("provider", "cosign")));
      Condition refused = flux.awaitReady(OCI_REPOSITORY, "signed", "False", "UnsupportedField");
      assertThat(refused.message())
          .isEqualTo(
              "spec.verify is not supported by fluxlab's embedded backend: signature verification"
                  + " (cosign, notation) is not implemented");
    }
  }
}
