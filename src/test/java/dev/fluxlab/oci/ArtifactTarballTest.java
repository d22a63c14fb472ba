package dev.fluxlab.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTarballTest {
  @TempDir Path tmp;

  @Test
  void theLayerHoldsTheManifestsWithoutVcsFilesImagesOrLinksAndUnpacksToTheSameFiles()
      throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("apps/podinfo"));
    Files.createDirectories(src.resolve(".git"));
    Files.writeString(src.resolve("kustomization.yaml"), "resources: [apps/podinfo/cm.yaml]\n");
    Files.writeString(src.resolve("apps/podinfo/cm.yaml"), "kind: ConfigMap\n");
    Files.writeString(src.resolve(".git/config"), "[core]\n");
    Files.writeString(src.resolve("logo.png"), "png");
    Files.createSymbolicLink(src.resolve("link.yaml"), Path.of("/etc/hostname"));

    Path layer = tmp.resolve("layer.tgz");
    ArtifactTarball.Written written = ArtifactTarball.write(src, layer);
    Path out = tmp.resolve("out");
    try (InputStream in = Files.newInputStream(layer)) {
      LayerExtractor.extract(in, out);
    }

    assertThat(written.files()).isEqualTo(2);
    assertThat(written.diffId()).matches("sha256:[0-9a-f]{64}");
    assertThat(files(out)).containsExactly("apps/podinfo/cm.yaml", "kustomization.yaml");
    assertThat(Files.readString(out.resolve("apps/podinfo/cm.yaml")))
        .isEqualTo("kind: ConfigMap\n");
  }

  @Test
  void theSameFilesGiveTheSameBytes() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("a.yaml"), "a: 1\n");
    ArtifactTarball.write(src, tmp.resolve("one.tgz"));
    Files.setLastModifiedTime(
        src.resolve("a.yaml"), java.nio.file.attribute.FileTime.fromMillis(12345));
    ArtifactTarball.write(src, tmp.resolve("two.tgz"));

    assertThat(Files.readAllBytes(tmp.resolve("one.tgz")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("two.tgz")));
  }

  @Test
  void aLayerEntryThatLeavesTheTargetFailsAndWritesNothingOutsideIt() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      TarArchiveEntry e = new TarArchiveEntry("../escaped.yaml");
      e.setSize(1);
      tar.putArchiveEntry(e);
      tar.write('x');
      tar.closeArchiveEntry();
    }
    Path target = tmp.resolve("target");

    assertThatThrownBy(
            () -> LayerExtractor.extract(new ByteArrayInputStream(bytes.toByteArray()), target))
        .hasMessageContaining("'../escaped.yaml' is outside the target directory");
    assertThat(tmp.resolve("escaped.yaml")).doesNotExist();
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
