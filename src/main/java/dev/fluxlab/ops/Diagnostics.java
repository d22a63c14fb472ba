package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.docker.ContainerLogs;
import dev.fluxlab.docker.DockerBackend;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what someone needs to understand a failure into a folder, ready to be a CI artifact: per
 * cluster every Flux object as YAML, the events, and the status table; on the docker backend also
 * the logs of every container (Gitea, control planes, Flux controllers) under {@code containers/}.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /**
   * Writes into {@code dir} (created); returns it. Best effort: a cluster that is gone is noted.
   */
  public static Path write(Environment env, Path dir) {
    try {
      Files.createDirectories(dir);
      List<String> table = new ArrayList<>();
      for (ObjectStatus s : Convergence.snapshot(env)) {
        table.add(
            String.join(
                "\t",
                s.cluster(),
                s.id(),
                "Ready=" + s.ready(),
                s.reason(),
                s.revision(),
                s.message()));
      }
      Files.write(dir.resolve("status.tsv"), table);
      for (String cluster : env.clusters()) {
        Path c = dir.resolve(cluster);
        Files.createDirectories(c);
        for (FluxKind kind : FluxKind.values()) {
          List<Object> objects = new ArrayList<>();
          for (var obj : env.flux(cluster).list(kind)) {
            objects.add(
                env.client(cluster).getKubernetesSerialization().convertValue(obj, Map.class));
          }
          Files.writeString(c.resolve(kind.plural() + ".yaml"), Yaml.writeAll(objects));
        }
        List<String> events = new ArrayList<>();
        for (var e : env.client(cluster).v1().events().inAnyNamespace().list().getItems()) {
          events.add(
              String.join(
                  "\t",
                  String.valueOf(e.getLastTimestamp()),
                  e.getType(),
                  e.getReason(),
                  e.getInvolvedObject().getKind()
                      + "/"
                      + e.getInvolvedObject().getNamespace()
                      + "/"
                      + e.getInvolvedObject().getName(),
                  String.valueOf(e.getMessage()).replace('\n', ' ')));
        }
        Files.write(c.resolve("events.tsv"), events);
      }
      if (DockerBackend.ID.equals(env.info().backend())) {
        ContainerLogs.write(env.name(), dir.resolve("containers"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write diagnostics to " + dir, e);
    }
  }
}
