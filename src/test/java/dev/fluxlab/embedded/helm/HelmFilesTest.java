package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.jni.NativeLibrary;
import dev.fluxlab.ops.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What using Helm leaves on disk: only the packages asked for, and one library in the cache. */
class HelmFilesTest {
  private static final Path SYSTEM_TEMP = Path.of(System.getProperty("java.io.tmpdir"));

  @Test
  void helmsNativeLibraryIsLoadedFromFluxlabsCacheNotTheSystemTempDirectory(@TempDir Path out)
      throws IOException {
    ChartPackager.packageAtVersion(Fixtures.get("charts/podinfo"), "1.2.3", out);

    NativeLibrary provider = NativeLibrary.getInstance();
    assertThat(provider).isInstanceOf(CachedHelmLibrary.class);
    Path library = ((CachedHelmLibrary) provider).extracted();
    assertThat(library).startsWith(CachedHelmLibrary.cacheDir()).isRegularFile();
    // What this JVM has mapped (other processes on the machine may use the temp directory).
    String maps = Files.readString(Path.of("/proc/self/maps"));
    assertThat(maps).contains(library.toString()).doesNotContain(SYSTEM_TEMP + "/helm-java");
  }

  /** The scratch copy lives beside the package (below the environment), and is gone after. */
  @Test
  void packagingAtAVersionLeavesOnlyThePackage(@TempDir Path out) throws IOException {
    Path tgz = ChartPackager.packageAtVersion(Fixtures.get("charts/podinfo"), "1.2.3", out);

    assertThat(tgz).isRegularFile().hasFileName("podinfo-1.2.3.tgz");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactly(tgz);
    }
  }
}
