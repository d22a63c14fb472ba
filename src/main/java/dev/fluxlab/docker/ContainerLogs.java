package dev.fluxlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Saves the logs of an environment's containers (Gitea, control planes, Flux controllers), one file
 * per container, for a diagnostics folder.
 */
public final class ContainerLogs {
  private ContainerLogs() {}

  /** Writes {@code <container name>.log} files into {@code dir}; returns the files written. */
  public static List<Path> write(String env, Path dir) throws IOException {
    DockerClient docker = DockerEngine.client();
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Container c : DockerSweep.containers(docker, env)) {
      String name = DockerSweep.displayName(c);
      StringBuilder log = new StringBuilder();
      try (ResultCallback.Adapter<Frame> callback =
          docker
              .logContainerCmd(c.getId())
              .withStdOut(true)
              .withStdErr(true)
              .exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                      log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                  })) {
        callback.awaitCompletion(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      Path file = dir.resolve(name + ".log");
      Files.writeString(file, log);
      written.add(file);
    }
    return written;
  }
}
