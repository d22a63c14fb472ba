package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * fluxlab's kustomize-builder (the Go program in {@code src/main/resources/kustomize-builder},
 * built on kustomize's and Flux's own libraries): found in the cache, or built there once with the
 * Go toolchain from the Go module proxy, keyed by its source so a changed source is rebuilt.
 */
final class BuilderBinary {
  private static final Logger LOG = Logger.getLogger(BuilderBinary.class.getName());
  private static final String[] SOURCES = {"main.go", "go.mod", "go.sum"};
  private static final long BUILD_TIMEOUT_MINUTES = 15;

  private BuilderBinary() {}

  /** The binary, building it when needed; empty (with the reason logged) when it cannot be. */
  static Optional<Path> locate() {
    try {
      byte[][] sources = new byte[SOURCES.length][];
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < SOURCES.length; i++) {
        sources[i] = resource(SOURCES[i]);
        key.append(Sha256.hex(sources[i]));
      }
      Path dir =
          cacheRoot()
              .resolve("kustomize-builder")
              .resolve(Sha256.hex(key.toString()).substring(0, 16));
      Path binary = dir.resolve("kustomize-builder");
      if (Files.isExecutable(binary)) {
        return Optional.of(binary);
      }
      Files.createDirectories(dir);
      // One build at a time across processes (tests and CLI runs may start together).
      try (FileChannel lock =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          var held = lock.lock()) {
        if (!Files.isExecutable(binary)) {
          build(dir, sources, binary);
        }
      }
      return Optional.of(binary);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      LOG.warning("kustomize-builder unavailable, builds use kubectl kustomize: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void build(Path dir, byte[][] sources, Path binary)
      throws IOException, InterruptedException {
    Path src = dir.resolve("src");
    Files2.deleteRecursively(src);
    Files.createDirectories(src);
    for (int i = 0; i < SOURCES.length; i++) {
      Files.write(src.resolve(SOURCES[i]), sources[i]);
    }
    Path tmp = dir.resolve("kustomize-builder.tmp");
    Path log = dir.resolve("build.log");
    LOG.info("building fluxlab's kustomize-builder once (Go, about a minute): " + binary);
    ProcessBuilder pb =
        new ProcessBuilder(
                "nice", "-n", "19", "go", "build", "-trimpath", "-o", tmp.toString(), ".")
            .directory(src.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // The shared machine's other builds run one package at a time as well; go.sum pins every
    // module.
    pb.environment().put("GOFLAGS", "-p=1 -mod=readonly -buildvcs=false");
    pb.environment().put("GOTOOLCHAIN", "local");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run 'go build' (is Go on PATH?): " + e.getMessage());
    }
    if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("go build timed out, see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("go build failed, see " + log);
    }
    Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE);
    Files2.deleteRecursively(src);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BuilderBinary.class.getResourceAsStream("/kustomize-builder/" + name)) {
      if (in == null) {
        throw new IOException("resource kustomize-builder/" + name + " missing from the jar");
      }
      return in.readAllBytes();
    }
  }

  private static Path cacheRoot() {
    String cache = System.getenv("FLUXLAB_CACHE");
    return cache == null || cache.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "fluxlab")
        : Path.of(cache);
  }
}
