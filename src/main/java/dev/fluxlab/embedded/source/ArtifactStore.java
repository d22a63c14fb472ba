package dev.fluxlab.embedded.source;

import dev.fluxlab.util.Files2;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifacts of one cluster's sources, kept on disk below the environment's directory and looked
 * up by kind/namespace/name: the embedded stand-in for source-controller's artifact storage. A
 * replaced artifact's files are removed once the next one is stored.
 */
public final class ArtifactStore {
  private final Path root;
  private final Map<String, Artifact> current = new ConcurrentHashMap<>();
  private final Map<String, Artifact> retired = new ConcurrentHashMap<>();

  public ArtifactStore(Path root) {
    this.root = root;
  }

  /** A fresh directory for a new artifact of the given source. */
  public Path newLocation(String kind, String namespace, String name, String id) {
    return root.resolve(kind.toLowerCase()).resolve(namespace).resolve(name).resolve(id);
  }

  /** A working directory owned by one source (e.g. its git mirror), kept across artifacts. */
  public Path workDir(String kind, String namespace, String name) {
    return root.resolve("work").resolve(kind.toLowerCase()).resolve(namespace).resolve(name);
  }

  public void put(String kind, String namespace, String name, Artifact artifact) {
    String key = key(kind, namespace, name);
    Artifact previous = current.put(key, artifact);
    if (previous == null || previous.location().equals(artifact.location())) {
      return;
    }
    Artifact older = retired.put(key, previous);
    if (older != null) {
      Files2.deleteRecursively(older.location());
    }
  }

  public Optional<Artifact> get(String kind, String namespace, String name) {
    return Optional.ofNullable(current.get(key(kind, namespace, name)));
  }

  /** Forgets a deleted source and removes its files. */
  public void remove(String kind, String namespace, String name) {
    for (Artifact a :
        new Artifact[] {
          current.remove(key(kind, namespace, name)), retired.remove(key(kind, namespace, name))
        }) {
      if (a != null) {
        Files2.deleteRecursively(a.location());
      }
    }
    Files2.deleteRecursively(workDir(kind, namespace, name));
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }
}
