package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The fallback engine where fluxlab's kustomize-builder cannot be built (no Go toolchain): one
 * {@code kubectl kustomize} process per build, on a copy of the artifact with the overlay written
 * into it. Slower (a process start and a whole-artifact copy per build); symlinks leaving the
 * artifact are refused before the copy.
 */
final class KubectlKustomize implements KustomizeEngine {
  private final Path scratch;
  private final String kubectl;

  KubectlKustomize(Path scratch, String kubectl) {
    this.scratch = scratch;
    this.kubectl = kubectl;
  }

  @Override
  public String build(Path root, String dir, Map<String, String> overlay) {
    refuseLinksLeaving(root);
    Path copy = scratch.resolve("build-" + UUID.randomUUID());
    try {
      Files2.copyTree(root, copy);
      for (Map.Entry<String, String> file : overlay.entrySet()) {
        Files.writeString(copy.resolve(file.getKey()), file.getValue());
      }
      return run(copy.resolve(dir).normalize(), copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Files2.deleteRecursively(copy);
    }
  }

  private static void refuseLinksLeaving(Path root) {
    try (var files = Files.walk(root)) {
      files.forEach(f -> ArtifactFiles.requireInside(root, f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String run(Path dir, Path copy) {
    try {
      Process p =
          new ProcessBuilder(
                  kubectl, "kustomize", "--load-restrictor=LoadRestrictionsNone", dir.toString())
              .start();
      var stderr = p.getErrorStream();
      var stdout = p.getInputStream().readAllBytes();
      var err = stderr.readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BuildException("BuildFailed", "kustomize build timed out");
      }
      if (p.exitValue() != 0) {
        throw new BuildException(
            "BuildFailed",
            "kustomize build failed: "
                + KustomizeErrors.clean(
                    new String(err, StandardCharsets.UTF_8), dir, copy, scratch));
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

  @Override
  public String describe() {
    return "kubectl kustomize (one process and one artifact copy per build)";
  }

  @Override
  public void close() {}
}
