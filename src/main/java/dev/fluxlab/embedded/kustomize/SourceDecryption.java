package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.sops.SopsFormat;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kustomize-controller's {@code DecryptSources}: before the build, every file a {@code
 * secretGenerator} ({@code files}, {@code envs}) or a {@code patches[].path} of the built
 * kustomization, or of any kustomization it includes through {@code resources}/{@code components},
 * refers to is decrypted when it holds SOPS' encrypted MAC. The plain files are laid over the
 * artifact for this build, in memory; the artifact is never written.
 */
final class SourceDecryption {
  /** kustomize-controller's limit for a file it decrypts. */
  static final long MAX_FILE_SIZE = 5L << 20;

  private final Decryption decryption;
  private final Path root;
  private final Map<String, String> overlay;
  private final Map<String, String> decrypted = new LinkedHashMap<>();
  private final Set<Path> visited = new HashSet<>();

  private SourceDecryption(Decryption decryption, Path root, Map<String, String> overlay) {
    this.decryption = decryption;
    this.root = root;
    this.overlay = overlay;
  }

  /**
   * @param root the artifact root (real path)
   * @param dir the build directory, relative to {@code root}
   * @param overlay the kustomization files laid over the artifact for this build
   * @return the decrypted files, by path relative to {@code root}, to lay over it as well
   */
  static Map<String, String> decrypt(
      Decryption decryption, Path root, String dir, Map<String, String> overlay) {
    SourceDecryption walk = new SourceDecryption(decryption, root, overlay);
    walk.visitDirectory(root.resolve(dir).normalize());
    return walk.decrypted;
  }

  private void visitDirectory(Path dir) {
    if (!dir.startsWith(root) || !visited.add(dir)) {
      return;
    }
    Map<String, Object> kustomization = load(dir);
    if (kustomization == null) {
      return; // not a kustomization directory: kustomize reports what is wrong with it
    }
    for (Object generator : Maps.list(kustomization, "secretGenerator")) {
      for (Object file : Maps.list(generator, "files")) {
        String entry = String.valueOf(file);
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry : entry.substring(0, eq);
        String path = eq < 0 ? entry : entry.substring(eq + 1);
        SopsFormat format = SopsFormat.forPath(key);
        visitFile(dir, path, format);
      }
      for (Object env : Maps.list(generator, "envs")) {
        SopsFormat format = SopsFormat.forPath(String.valueOf(env));
        visitFile(
            dir, String.valueOf(env), format == SopsFormat.BINARY ? SopsFormat.DOTENV : format);
      }
    }
    for (Object patch : Maps.list(kustomization, "patches")) {
      String path = Maps.string(patch, "path");
      if (path != null && !path.isEmpty() && !path.contains("://")) {
        visitFile(dir, path, SopsFormat.forPath(path));
      }
    }
    List<Object> included = new java.util.ArrayList<>(Maps.list(kustomization, "resources"));
    included.addAll(Maps.list(kustomization, "components"));
    for (Object resource : included) {
      Path next = dir.resolve(String.valueOf(resource)).normalize();
      if (Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
        visitDirectory(next);
      }
    }
  }

  private void visitFile(Path dir, String path, SopsFormat format) {
    Path file = dir.resolve(path).normalize();
    if (!file.startsWith(root)) {
      return; // outside the artifact: kustomize's secure file system refuses it
    }
    String relative = root.relativize(file).toString();
    if (decrypted.containsKey(relative)) {
      return;
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw failure("lstat " + relative + ": no such file or directory");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw failure("cannot decrypt irregular file as it has file mode type bits set");
    }
    byte[] data;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_SIZE) {
        throw failure(
            "cannot decrypt file with size ("
                + size
                + " bytes) exceeding limit ("
                + MAX_FILE_SIZE
                + ")");
      }
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!format.marks(new String(data, StandardCharsets.UTF_8))) {
      return;
    }
    try {
      byte[] plain = decryption.decrypt(data, format, format);
      decrypted.put(relative, new String(plain, StandardCharsets.UTF_8));
    } catch (Decryption.DecryptionFailure e) {
      // kustomize-controller's message does not say which file; this one does.
      throw failure("'" + relative + "': " + e.getMessage());
    }
  }

  private Map<String, Object> load(Path dir) {
    for (String name : GeneratedKustomization.KUSTOMIZATION_FILES) {
      Path file = dir.resolve(name);
      String relative = root.relativize(file).toString();
      String content = overlay.get(relative);
      try {
        if (content == null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          content = Files.readString(file);
        }
        if (content != null) {
          return Yaml.map(content);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (IllegalArgumentException e) {
        return null; // kustomize reports the malformed file with its own words
      }
    }
    return null;
  }

  private static BuildException failure(String message) {
    return new BuildException("BuildFailed", "error decrypting sources: " + message);
  }
}
