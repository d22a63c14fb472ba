package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.kustomize.BuildException;
import dev.fluxlab.embedded.kustomize.KustomizationOverlay;
import dev.fluxlab.embedded.kustomize.KustomizeBuilder;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A HelmRelease's {@code postRenderers}, run in order on the rendered manifests as helm-controller
 * runs them: each {@code kustomize} entry's {@code patches} and {@code images} applied by kustomize
 * to the manifests as one resource file.
 */
final class PostRenderers {
  private final KustomizeBuilder kustomize;
  private final Path scratch;

  PostRenderers(KustomizeBuilder kustomize, Path scratch) {
    this.kustomize = kustomize;
    this.scratch = scratch;
  }

  /**
   * @throws ReleaseException when kustomize refuses a patch, with helm-controller's wording
   */
  String render(String manifests, List<Object> postRenderers) {
    String out = manifests;
    for (Object renderer : postRenderers) {
      Map<String, Object> spec = Maps.map(renderer, "kustomize");
      if (spec.isEmpty()) {
        continue;
      }
      out = kustomizeOnce(out, spec);
    }
    return out;
  }

  private String kustomizeOnce(String manifests, Map<String, Object> spec) {
    Path dir = scratch.resolve("post-render-" + UUID.randomUUID());
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("resources.yaml"), manifests);
      Files.writeString(
          dir.resolve("kustomization.yaml"),
          Yaml.write(
              Map.of(
                  "apiVersion", "kustomize.config.k8s.io/v1beta1",
                  "kind", "Kustomization",
                  "resources", List.of("resources.yaml"))));
      // No digest: the manifests are new each time, so the build is not cached.
      Artifact manifestsDir = new Artifact(null, null, null, dir, null);
      List<Map<String, Object>> docs =
          kustomize.build(manifestsDir, ".", KustomizationOverlay.of(spec));
      return Yaml.writeAll(docs);
    } catch (BuildException e) {
      throw new ReleaseException(
          "PostRenderFailed", "error while running post render on files: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Files2.deleteRecursively(dir);
    }
  }
}
