package dev.fluxlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.DockerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/** The local Docker engine, as Testcontainers finds it (DOCKER_HOST, the socket, ...). */
public final class DockerEngine {
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

  private static DockerClient engine;

  private DockerEngine() {}

  /** Whether an engine answers; never throws. */
  public static boolean isReachable() {
    try {
      engine().pingCmd().exec();
      return true;
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  /**
   * A client of the engine's API (images, containers, networks); fails with a one-line reason when
   * there is none.
   */
  public static DockerClient client() {
    if (!isReachable()) {
      throw new FluxLabException(
          "no Docker engine is reachable (start dockerd, or set DOCKER_HOST); "
              + "backend=embedded needs none");
    }
    return engine();
  }

  /**
   * The engine Testcontainers' discovery finds, without what Testcontainers' own client also
   * resolves: the address at which containers' ports are reached. Inside a container (a {@code
   * /.dockerenv}) that means running a helper container to read the default gateway, whose image is
   * pulled first, and where no registry answers it retries for about 3.5 minutes before giving up;
   * every {@code backend=auto} and every teardown waited that long. Talking to the engine needs no
   * such address; starting containers (Testcontainers' client) still resolves it, once.
   */
  private static synchronized DockerClient engine() {
    if (engine == null) {
      TransportConfig transport = DockerClientFactory.instance().getTransportConfig();
      engine = DockerClientProviderStrategy.getClientForConfig(transport);
    }
    return engine;
  }

  /**
   * Why {@code backend=auto} does not choose docker for these settings, or null when it does: it
   * needs an engine and every image locally (or an image archive to load them from). Auto never
   * pulls; backend=docker does.
   */
  public static String unusableReason(DockerSettings settings) {
    if (!isReachable()) {
      return "no Docker engine reachable";
    }
    if (settings.imagesArchive() != null) {
      return null;
    }
    List<String> missing = missingImages(settings.requiredImages());
    if (missing.isEmpty()) {
      return null;
    }
    return "Docker is reachable but "
        + String.join(", ", missing)
        + (missing.size() > 1 ? " are" : " is")
        + " not present locally; backend=docker pulls";
  }

  /** The images of {@code references} that are not in the engine's local store. */
  public static List<String> missingImages(Collection<String> references) {
    DockerClient docker = client();
    List<String> missing = new ArrayList<>();
    for (String ref : references) {
      try {
        docker.inspectImageCmd(ref).exec();
      } catch (NotFoundException e) {
        missing.add(ref);
      }
    }
    return missing;
  }

  /**
   * Pulls the images of {@code imagesBySetting} (setting key to image) that are not local.
   *
   * @param pulling told of each image before it is pulled
   * @return {@code setting=image} for each image that is still not there
   */
  public static List<String> pullMissing(
      Map<String, String> imagesBySetting, Consumer<String> pulling) {
    List<String> missing = missingImages(imagesBySetting.values());
    List<String> unavailable = new ArrayList<>();
    for (Map.Entry<String, String> image : imagesBySetting.entrySet()) {
      if (missing.contains(image.getValue())) {
        pulling.accept(image.getValue());
        if (!pull(image.getValue())) {
          unavailable.add(image.getKey() + "=" + image.getValue());
        }
      }
    }
    return unavailable;
  }

  /** Pulls an image; false when it cannot be pulled (no registry reachable, unknown image). */
  public static boolean pull(String reference) {
    // A callback of our own: the default one logs a failed pull as an ERROR with a stack trace,
    // while here it is an expected answer that the caller turns into one line.
    ResultCallback.Adapter<PullResponseItem> pulling =
        new ResultCallback.Adapter<>() {
          @Override
          public void onError(Throwable failure) {
            try {
              close();
            } catch (IOException e) {
              // nothing more to release
            }
          }
        };
    try {
      client().pullImageCmd(reference).exec(pulling);
      pulling.awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      client().inspectImageCmd(reference).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Loads every image tarball ({@code docker save} output, *.tar) of a directory into the engine.
   *
   * @return the files loaded
   */
  public static List<Path> loadArchive(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new FluxLabException("setting 'images.archive': " + dir + " is not a directory");
    }
    List<Path> loaded = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path tar : files.filter(f -> f.toString().endsWith(".tar")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(tar)) {
          client().loadImageCmd(in).exec();
        }
        loaded.add(tar);
      }
    } catch (IOException e) {
      throw new FluxLabException("setting 'images.archive': " + e.getMessage(), e);
    }
    return loaded;
  }
}
