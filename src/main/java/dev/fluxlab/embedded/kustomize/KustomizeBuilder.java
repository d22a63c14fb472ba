package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds a Kustomization's path with {@code kubectl kustomize}, as kustomize-controller builds it
 * with the kustomize library: on a copy of the artifact, with a {@code kustomization.yaml}
 * generated where the path has none (every manifest file below it, and every subdirectory that has
 * its own kustomization), and with files outside the path allowed (LoadRestrictionsNone).
 */
public final class KustomizeBuilder {
  private static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final Path scratch;
  private final String kubectl;

  public KustomizeBuilder(Path scratch, String kubectl) {
    this.scratch = scratch;
    this.kubectl = kubectl;
  }

  /**
   * @param artifact the source artifact's root directory
   * @param path {@code spec.path}, relative to the root
   */
  public List<Map<String, Object>> build(Path artifact, String path) {
    return build(artifact, path, KustomizationOverlay.NONE);
  }

  /**
   * @param overlay the Kustomization spec fields written into the path's kustomization file first
   */
  public List<Map<String, Object>> build(Path artifact, String path, KustomizationOverlay overlay) {
    String relative = path == null ? "" : path.replaceFirst("^\\./?", "").replaceFirst("^/", "");
    Path target = artifact.resolve(relative).normalize();
    if (!target.startsWith(artifact)) {
      throw new BuildException(
          "ArtifactFailed", "path '" + path + "' is outside the source artifact");
    }
    if (!Files.isDirectory(target)) {
      throw new BuildException(
          "ArtifactFailed",
          "kustomization path not found: stat " + path + ": no such file or directory");
    }
    Path copy = scratch.resolve("build-" + UUID.randomUUID());
    try {
      Files2.copyTree(artifact, copy);
      Path dir = copy.resolve(relative).normalize();
      if (KUSTOMIZATION_FILES.stream().noneMatch(f -> Files.exists(dir.resolve(f)))) {
        generateKustomization(dir);
      }
      overlay.writeInto(
          KUSTOMIZATION_FILES.stream()
              .map(dir::resolve)
              .filter(Files::exists)
              .findFirst()
              .orElseThrow());
      String out = runKustomize(dir);
      try {
        return Yaml.documents(out);
      } catch (IllegalArgumentException e) {
        throw new BuildException("BuildFailed", "kustomize build failed: " + e.getMessage());
      }
    } finally {
      Files2.deleteRecursively(copy);
    }
  }

  private String runKustomize(Path dir) {
    try {
      Process p =
          new ProcessBuilder(
                  kubectl, "kustomize", "--load-restrictor=LoadRestrictionsNone", dir.toString())
              .redirectErrorStream(false)
              .start();
      var stdout = p.getInputStream().readAllBytes();
      var stderr = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BuildException("BuildFailed", "kustomize build timed out");
      }
      if (p.exitValue() != 0) {
        String err = new String(stderr, StandardCharsets.UTF_8).strip();
        err = err.replace(dir.toString() + "/", "").replace(dir.toString(), ".");
        err = err.replace(scratch.toString() + "/", "");
        throw new BuildException(
            "BuildFailed", "kustomize build failed: " + err.replaceFirst("^Error: ", ""));
      }
      return new String(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BuildException(
          "BuildFailed",
          "cannot run '" + kubectl + " kustomize' (is kubectl on PATH?): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("BuildFailed", "kustomize build interrupted");
    }
  }

  /** Lists manifests and kustomization directories below {@code dir}, as Flux's generator does. */
  private static void generateKustomization(Path dir) {
    List<String> resources = new ArrayList<>();
    collect(dir, dir, resources);
    String yaml =
        Yaml.write(
            Map.of(
                "apiVersion", "kustomize.config.k8s.io/v1beta1",
                "kind", "Kustomization",
                "resources", resources));
    try {
      Files.writeString(dir.resolve("kustomization.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(Path root, Path dir, List<String> resources) {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path p : children.sorted().toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isDirectory(p)) {
          if (KUSTOMIZATION_FILES.stream().anyMatch(f -> Files.exists(p.resolve(f)))) {
            resources.add(rel);
          } else {
            collect(root, p, resources);
          }
        } else if ((rel.endsWith(".yaml") || rel.endsWith(".yml")) && isManifest(p)) {
          resources.add(rel);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Only Kubernetes objects: other YAML (values files, CI config) is not a resource. */
  private static boolean isManifest(Path file) {
    try {
      List<Map<String, Object>> docs = Yaml.documents(Files.readString(file));
      return !docs.isEmpty()
          && docs.stream().allMatch(d -> d.containsKey("apiVersion") && d.containsKey("kind"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException malformed) {
      // Included so that kustomize reports the syntax error, as Flux does.
      return true;
    }
  }
}
