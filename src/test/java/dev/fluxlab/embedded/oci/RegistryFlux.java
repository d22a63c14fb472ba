package dev.fluxlab.embedded.oci;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.oci.RegistrySecrets;
import java.nio.file.Path;

/**
 * A real registry process and a Flux harness whose sources reach it by the environment's stable
 * name, with the registry's Secrets in the harness namespace: what the OCI source and chartRef
 * tests start once per class.
 */
public record RegistryFlux(OciRegistry registry, FluxHarness flux) implements AutoCloseable {
  public static RegistryFlux start(Path dir) {
    OciRegistry registry =
        OciRegistry.start(
            RegistryBinary.find().orElseThrow(),
            dir.resolve("registry"),
            Credentials.generate("fluxlab"));
    try {
      FluxHarness flux =
          new FluxHarness(dir.resolve("flux"), RegistryRoute.to(registry.access().host()));
      RegistrySecrets.create(flux.client(), FluxHarness.NS, registry.access());
      return new RegistryFlux(registry, flux);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      flux.close();
    } finally {
      registry.close();
    }
  }
}
