package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.util.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds a Kustomization's path as kustomize-controller builds it with the kustomize library: with
 * a {@code kustomization.yaml} generated where the path has none (laid over the artifact, never
 * written into it), files outside the path allowed but nothing outside the artifact, and the same
 * inputs (artifact digest, path, generated kustomization) built once. One builder serves every
 * cluster of an environment; close it with the environment.
 */
public final class KustomizeBuilder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KustomizeBuilder.class.getName());

  /** Enough for a few thousand Kustomizations over two revisions and several clusters. */
  private static final int CACHE_ENTRIES = 8192;

  private record Input(String digest, String path) {}

  private record BuildKey(String digest, String path, Map<String, String> overlay) {}

  private final KustomizeEngine engine;
  private final BuildCache<Input, Optional<String>> generated = new BuildCache<>(CACHE_ENTRIES);
  private final BuildCache<BuildKey, List<Map<String, Object>>> built =
      new BuildCache<>(CACHE_ENTRIES);

  KustomizeBuilder(KustomizeEngine engine) {
    this.engine = engine;
  }

  /**
   * fluxlab's long-lived kustomize-builder (built once into the cache with Go), or {@code kubectl
   * kustomize} where that cannot be built.
   *
   * @param workDir scratch space and the builder's log
   */
  public static KustomizeBuilder start(Path workDir, String kubectl) {
    return new KustomizeBuilder(engine(workDir, kubectl));
  }

  static KustomizeEngine engine(Path workDir, String kubectl) {
    try {
      Files.createDirectories(workDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    KustomizeEngine engine =
        BuilderBinary.locate()
            .<KustomizeEngine>map(
                b ->
                    new BuilderProcesses(
                        b,
                        workDir.resolve("kustomize-builder.log"),
                        Runtime.getRuntime().availableProcessors()))
            .orElseGet(() -> new KubectlKustomize(workDir, kubectl));
    LOG.fine("kustomize builds by " + engine.describe());
    return engine;
  }

  /**
   * @param artifact the source artifact (a directory tree)
   * @param path {@code spec.path}, relative to its root
   */
  public List<Map<String, Object>> build(Artifact artifact, String path) {
    Path root = ArtifactFiles.realRoot(artifact.location());
    String relative = path == null ? "" : path.replaceFirst("^\\./?", "").replaceFirst("^/", "");
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root)) {
      throw new BuildException(
          "ArtifactFailed", "path '" + path + "' is outside the source artifact");
    }
    if (!Files.isDirectory(target)) {
      throw new BuildException(
          "ArtifactFailed",
          "kustomization path not found: stat " + path + ": no such file or directory");
    }
    String dir = root.relativize(target).toString();
    String digest = artifact.digest();
    if (digest == null) {
      return parse(engine.build(root, dir, overlay(root, target, dir)));
    }
    Map<String, String> overlay =
        generated
            .get(new Input(digest, dir), () -> GeneratedKustomization.of(root, target))
            .map(content -> Map.of(file(dir), content))
            .orElse(Map.of());
    List<Map<String, Object>> docs =
        built.get(
            new BuildKey(digest, dir, overlay), () -> parse(engine.build(root, dir, overlay)));
    return BuildCache.deepCopy(docs);
  }

  private static Map<String, String> overlay(Path root, Path target, String dir) {
    return GeneratedKustomization.of(root, target)
        .map(content -> Map.of(file(dir), content))
        .orElse(Map.of());
  }

  private static String file(String dir) {
    return dir.isEmpty()
        ? GeneratedKustomization.FILE_NAME
        : dir + "/" + GeneratedKustomization.FILE_NAME;
  }

  private static List<Map<String, Object>> parse(String yaml) {
    try {
      return Yaml.documents(yaml);
    } catch (IllegalArgumentException e) {
      throw new BuildException("BuildFailed", "kustomize build failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
