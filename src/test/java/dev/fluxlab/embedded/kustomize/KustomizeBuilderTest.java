package dev.fluxlab.embedded.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds with fluxlab's kustomize-builder: generated kustomizations never touch the artifact,
 * nothing outside the artifact is read, unchanged inputs are built once.
 */
class KustomizeBuilderTest {
  private static final String CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  k: v\n";

  @TempDir Path tmp;
  private Path artifact;
  private Path outside;
  private KustomizeBuilder builder;

  @BeforeEach
  void start() throws IOException {
    artifact = Files.createDirectories(tmp.resolve("artifact"));
    outside = Files.writeString(tmp.resolve("secret.txt"), "host content\n");
    builder = KustomizeBuilder.start(tmp.resolve("work"), "kubectl");
  }

  @AfterEach
  void stop() {
    builder.close();
  }

  private void write(String file, String content) throws IOException {
    Path p = artifact.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private Artifact artifact(String digest) {
    return new Artifact("main@sha1:abc", digest, "gitrepository/x", artifact, "now");
  }

  private static List<String> names(List<Map<String, Object>> docs) {
    return docs.stream().map(d -> Maps.string(d, "metadata", "name")).toList();
  }

  @Test
  void aGeneratedKustomizationIsNeverWrittenIntoTheArtifact() throws IOException {
    write("app/one.yaml", CONFIG_MAP.formatted("one"));
    write("app/sub/two.yaml", CONFIG_MAP.formatted("two"));

    List<Map<String, Object>> docs = builder.build(artifact("sha256:1"), "./app");

    assertThat(names(docs)).containsExactlyInAnyOrder("one", "two");
    assertThat(artifact.resolve("app/kustomization.yaml")).doesNotExist();
  }

  @Test
  void aSymlinkLeavingTheArtifactIsABuildErrorNamingIt() throws IOException {
    write("app/one.yaml", CONFIG_MAP.formatted("one"));
    Files.createSymbolicLink(artifact.resolve("app/leak.yaml"), outside);

    assertThatThrownBy(() -> builder.build(artifact("sha256:1"), "./app"))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("app/leak.yaml")
        .hasMessageContaining("outside the source artifact")
        .hasMessageNotContaining("host content");
  }

  @Test
  void aKustomizationCannotReadAFileOutsideTheArtifact() throws IOException {
    Files.createDirectories(artifact.resolve("app"));
    Files.createSymbolicLink(artifact.resolve("app/settings.env"), outside);
    write(
        "app/kustomization.yaml",
        "configMapGenerator:\n- name: settings\n  files:\n  - settings.env\n");
    write("other/kustomization.yaml", "resources:\n- ../../secret.txt\n");

    assertThatThrownBy(() -> builder.build(artifact("sha256:1"), "./app"))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("app/settings.env")
        .hasMessageNotContaining("host content")
        .hasMessageNotContaining(tmp.toString());
    assertThatThrownBy(() -> builder.build(artifact("sha256:1"), "./other"))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("secret.txt")
        .hasMessageNotContaining("host content");
  }

  @Test
  void aFailedBuildCarriesKustomizesMessageWithArtifactPaths() throws IOException {
    write("app/kustomization.yaml", "resources:\n- missing.yaml\n");

    assertThatThrownBy(() -> builder.build(artifact("sha256:1"), "./app"))
        .isInstanceOf(BuildException.class)
        .hasMessageStartingWith("kustomize build failed: accumulating resources")
        .hasMessageContaining("open app/missing.yaml: no such file or directory")
        .hasMessageNotContaining(tmp.toString());
  }

  @Test
  void unchangedInputsAreBuiltOnceAndANewDigestIsBuiltAgain() throws IOException {
    write("app/one.yaml", CONFIG_MAP.formatted("one"));
    AtomicInteger builds = new AtomicInteger();
    KustomizeEngine real = KustomizeBuilder.engine(tmp.resolve("work2"), "kubectl");
    try (KustomizeBuilder counting = new KustomizeBuilder(new CountingEngine(real, builds))) {
      counting.build(artifact("sha256:1"), "./app");
      List<Map<String, Object>> again = counting.build(artifact("sha256:1"), "app");
      again.get(0).put("changed", "by the caller");
      assertThat(builds).hasValue(1);
      assertThat(counting.build(artifact("sha256:1"), "./app").get(0)).doesNotContainKey("changed");

      write("app/two.yaml", CONFIG_MAP.formatted("two"));
      List<Map<String, Object>> next = counting.build(artifact("sha256:2"), "./app");

      assertThat(builds).hasValue(2);
      assertThat(names(next)).containsExactlyInAnyOrder("one", "two");
    }
  }

  @Test
  void theOverlayIsMergedIntoThePathsOwnKustomizationAndIsPartOfTheCacheKey() throws IOException {
    write("app/one.yaml", CONFIG_MAP.formatted("one"));
    write("app/kustomization.yaml", "resources:\n- one.yaml\nnamePrefix: own-\n");
    AtomicInteger builds = new AtomicInteger();
    KustomizeEngine real = KustomizeBuilder.engine(tmp.resolve("work2"), "kubectl");
    try (KustomizeBuilder counting = new KustomizeBuilder(new CountingEngine(real, builds))) {
      assertThat(names(counting.build(artifact("sha256:1"), "./app"))).containsExactly("own-one");

      List<Map<String, Object>> a =
          counting.build(artifact("sha256:1"), "./app", overlay("namePrefix: a-\n"));
      List<Map<String, Object>> b =
          counting.build(artifact("sha256:1"), "./app", overlay("namePrefix: b-\n"));
      counting.build(artifact("sha256:1"), "./app", overlay("namePrefix: a-\nprune: true\n"));

      assertThat(names(a)).containsExactly("a-one");
      assertThat(names(b)).containsExactly("b-one");
      assertThat(builds).as("fields outside the overlay do not rebuild").hasValue(3);
      assertThat(artifact.resolve("app/kustomization.yaml")).content().contains("own-");
    }
  }

  @Test
  void theOverlayIsMergedIntoAGeneratedKustomization() throws IOException {
    write("app/one.yaml", CONFIG_MAP.formatted("one"));

    List<Map<String, Object>> docs =
        builder.build(
            artifact("sha256:1"), "./app", overlay("nameSuffix: -x\ntargetNamespace: apps\n"));

    assertThat(names(docs)).containsExactly("one-x");
    assertThat(Maps.string(docs.get(0), "metadata", "namespace")).isEqualTo("apps");
    assertThat(artifact.resolve("app/kustomization.yaml")).doesNotExist();
  }

  private static KustomizationOverlay overlay(String spec) {
    return KustomizationOverlay.of(Yaml.map(spec));
  }

  /** Counts the builds that reach the engine. */
  private record CountingEngine(KustomizeEngine delegate, AtomicInteger builds)
      implements KustomizeEngine {
    @Override
    public String build(Path root, String dir, Map<String, String> overlay) {
      builds.incrementAndGet();
      return delegate.build(root, dir, overlay);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
