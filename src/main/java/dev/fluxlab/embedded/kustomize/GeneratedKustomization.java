package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code kustomization.yaml} kustomize-controller generates where {@code spec.path} has none:
 * every manifest file below the path, and every subdirectory that has its own kustomization. The
 * build lays it over the artifact; the artifact itself is never written. Reads only inside the
 * artifact: a symlink that leaves it is a build error naming the link.
 */
final class GeneratedKustomization {
  static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
  static final String FILE_NAME = "kustomization.yaml";

  private GeneratedKustomization() {}

  /**
   * @param root the artifact's root (real path)
   * @param dir the build directory below it
   * @return the generated file's content, or empty when {@code dir} has its own kustomization
   */
  static Optional<String> of(Path root, Path dir) {
    if (hasKustomization(dir)) {
      return Optional.empty();
    }
    List<String> resources = new ArrayList<>();
    collect(root, dir, dir, resources);
    return Optional.of(
        Yaml.write(
            Map.of(
                "apiVersion", "kustomize.config.k8s.io/v1beta1",
                "kind", "Kustomization",
                "resources", resources)));
  }

  /** The directory's own kustomization file, the first of the names kustomize looks for. */
  static Optional<Path> existing(Path dir) {
    return KUSTOMIZATION_FILES.stream().map(dir::resolve).filter(Files::exists).findFirst();
  }

  private static boolean hasKustomization(Path dir) {
    return existing(dir).isPresent();
  }

  private static void collect(Path root, Path base, Path dir, List<String> resources) {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path p : children.sorted().toList()) {
        ArtifactFiles.requireInside(root, p);
        String rel = base.relativize(p).toString();
        if (Files.isDirectory(p)) {
          if (hasKustomization(p)) {
            resources.add(rel);
          } else {
            collect(root, base, p, resources);
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
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      // Included so that kustomize refuses it naming the file (Ready=False), as Flux does.
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException malformed) {
      // Included so that kustomize reports the syntax error, as Flux does.
      return true;
    }
  }
}
