package dev.fluxlab.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.kube.KubeBinaries;
import dev.fluxlab.embedded.oci.RegistryBinary;
import dev.fluxlab.sops.SopsBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The promises the package layout makes, checked on the sources. */
class LayersTest {
  private static final Path MAIN = Path.of("src/main/java/dev/fluxlab");

  @Test
  void theApiPackageKnowsNoBackendAndNoFrontEnd() throws IOException {
    List<String> offending;
    try (Stream<Path> files = Files.list(MAIN.resolve("api"))) {
      offending =
          files
              .flatMap(LayersTest::lines)
              .filter(l -> l.startsWith("import dev.fluxlab."))
              .filter(
                  l ->
                      Stream.of("docker", "embedded", "ops", "cli", "junit", "scenario")
                          .anyMatch(p -> l.startsWith("import dev.fluxlab." + p + ".")))
              .toList();
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void theJavaPinsOfTheKubernetesBinariesAreTheBuildScriptsPins() throws IOException {
    String script = Files.readString(Path.of("scripts/build-real-components"));
    assertThat(script).contains("\nKUBE_VERSION=" + KubeBinaries.KUBE_VERSION + "\n");
    assertThat(script).contains("\nETCD_VERSION=" + KubeBinaries.ETCD_VERSION + "\n");
    assertThat(script).contains("\nSOPS_VERSION=" + SopsBinary.VERSION + "\n");
    assertThat(script).contains("\nREGISTRY_VERSION=" + RegistryBinary.VERSION + "\n");
  }

  @Test
  void theDockerBackendsRegistryImageIsTheOneBuildImagesMakesFromThatPin() throws IOException {
    // scripts/build-images tags it fluxlab-local/registry:$REGISTRY_VERSION.
    assertThat(Files.readString(Path.of("set-env.properties")))
        .contains("\nimage.registry=fluxlab-local/registry:" + RegistryBinary.VERSION + "\n");
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
