package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds a Kustomization's path as kustomize-controller builds it with the kustomize library: with
 * a {@code kustomization.yaml} generated where the path has none (laid over the artifact, never
 * written into it) and the Kustomization's {@link KustomizationOverlay} merged into the path's
 * kustomization file the same way, files outside the path allowed but nothing outside the artifact,
 * and the same inputs (artifact digest, path, final kustomization file) built once. One builder
 * serves every cluster of an environment; close it with the environment.
 */
public final class KustomizeBuilder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KustomizeBuilder.class.getName());

  /** Enough for a few thousand Kustomizations over two revisions and several clusters. */
  private static final int CACHE_ENTRIES = 8192;

  private record Input(String digest, String path, KustomizationOverlay overlay) {}

  private record BuildKey(String digest, String path, Map<String, String> overlay) {}

  private final KustomizeEngine engine;
  private final BuildCache<Input, Map<String, String>> kustomizations =
      new BuildCache<>(CACHE_ENTRIES);
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    return build(artifact, path, KustomizationOverlay.NONE);
  }

  /**
   * @param overlay the Kustomization spec fields merged into the path's kustomization file (its own
   *     or the generated one) before the build
   */
  public List<Map<String, Object>> build(
      Artifact artifact, String path, KustomizationOverlay overlay) {
    return build(artifact, path, overlay, null);
  }

  /**
   * @param decryption decrypts the SOPS-encrypted files generators and patches read, laid over the
   *     artifact with the kustomization files (null: none are)
   */
  List<Map<String, Object>> build(
      Artifact artifact, String path, KustomizationOverlay overlay, Decryption decryption) {
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
      Map<String, String> files = overlayFiles(root, target, dir, overlay);
      return parse(engine.build(root, dir, withDecrypted(decryption, root, dir, files)));
    }
    // The key holds the final kustomization content, so a changed overlay is never a stale hit.
    Map<String, String> files =
        withDecrypted(
            decryption,
            root,
            dir,
            kustomizations.get(
                new Input(digest, dir, overlay), () -> overlayFiles(root, target, dir, overlay)));
    List<Map<String, Object>> docs =
        built.get(new BuildKey(digest, dir, files), () -> parse(engine.build(root, dir, files)));
    return BuildCache.deepCopy(docs);
  }

  /**
   * The kustomization file the build sees instead of the artifact's: the generated one where the
   * path has none, or the path's own with the overlay merged in; none when the path's own file is
   * used as it is.
   */
  private static Map<String, String> overlayFiles(
      Path root, Path target, String dir, KustomizationOverlay overlay) {
    Optional<String> generated = GeneratedKustomization.of(root, target);
    if (generated.isPresent()) {
      return Map.of(
          file(dir, GeneratedKustomization.FILE_NAME), overlay.applyTo(generated.get(), target));
    }
    if (overlay.isEmpty()) {
      return Map.of();
    }
    Path own = GeneratedKustomization.existing(target).orElseThrow();
    ArtifactFiles.requireInside(root, own);
    String content;
    try {
      content = Files.readString(own);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String merged = overlay.applyTo(content, target);
    return merged.equals(content)
        ? Map.of()
        : Map.of(file(dir, own.getFileName().toString()), merged);
  }

  /** The overlay plus the decrypted sources (kept in memory, as part of the build's key). */
  private static Map<String, String> withDecrypted(
      Decryption decryption, Path root, String dir, Map<String, String> files) {
    if (decryption == null) {
      return files;
    }
    Map<String, String> plain = SourceDecryption.decrypt(decryption, root, dir, files);
    if (plain.isEmpty()) {
      return files;
    }
    Map<String, String> all = new java.util.LinkedHashMap<>(files);
    all.putAll(plain);
    return all;
  }

  private static String file(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
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
