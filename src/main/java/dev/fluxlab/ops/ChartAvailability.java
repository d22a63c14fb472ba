package dev.fluxlab.ops;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the chart repository podinfo's HelmRelease uses offers a version, asked before a release
 * is pushed: a version that does not exist would only time out later. Reads the repository's {@code
 * index.yaml} as Helm does, from this machine (an in-cluster URL of the environment's own git
 * server is mapped to the URL this machine reaches it at).
 */
public final class ChartAvailability {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ChartAvailability() {}

  /**
   * @throws InvalidInputException when the index answers and does not list {@code version}
   * @return a note when the index could not be read (the release then goes ahead), else empty
   */
  public static Optional<String> require(Environment env, Podinfo podinfo, String version) {
    String cluster = env.clusters().get(0);
    Optional<String> url = repositoryUrl(env, cluster, podinfo);
    if (url.isEmpty()) {
      return Optional.of("cannot tell which chart repository podinfo uses; not checked");
    }
    String reachable = reachableUrl(env.info(), url.get());
    List<String> versions;
    try {
      versions = versions(reachable, env.credentials());
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          "cannot read " + url.get() + "/index.yaml (" + e.getMessage() + "); not checked");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while reading " + url.get() + "/index.yaml; not checked");
    }
    if (!versions.contains(version)) {
      throw new InvalidInputException(
          "--version "
              + version
              + ": the chart repository "
              + url.get()
              + " has no podinfo "
              + version
              + " (it has: "
              + (versions.isEmpty() ? "none" : String.join(", ", versions))
              + "); nothing was pushed");
    }
    return Optional.empty();
  }

  private static Optional<String> repositoryUrl(Environment env, String cluster, Podinfo podinfo) {
    GenericKubernetesResource hr =
        env.flux(cluster).get(FluxKind.HELM_RELEASE, podinfo.namespace(), Podinfo.NAME);
    if (hr == null) {
      return Optional.empty();
    }
    Map<String, Object> sourceRef =
        map(map(map(hr.getAdditionalProperties().get("spec"), "chart"), "spec"), "sourceRef");
    if (!"HelmRepository".equals(sourceRef.get("kind")) || sourceRef.get("name") == null) {
      return Optional.empty();
    }
    String namespace =
        String.valueOf(sourceRef.getOrDefault("namespace", hr.getMetadata().getNamespace()));
    GenericKubernetesResource repo =
        env.flux(cluster)
            .get(FluxKind.HELM_REPOSITORY, namespace, String.valueOf(sourceRef.get("name")));
    if (repo == null) {
      return Optional.empty();
    }
    Object url = map(repo.getAdditionalProperties(), "spec").get("url");
    if (url == null || !url.toString().startsWith("http")) {
      return Optional.empty(); // OCI repositories have no index
    }
    return Optional.of(url.toString().replaceFirst("/+$", ""));
  }

  /** The environment's own chart repository as this machine reaches it. */
  static String reachableUrl(EnvironmentInfo info, String url) {
    String inCluster = info.gitUrlInCluster();
    if (inCluster != null && url.startsWith(inCluster) && info.gitUrl() != null) {
      return info.gitUrl() + url.substring(inCluster.length());
    }
    return url;
  }

  @SuppressWarnings("unchecked")
  private static List<String> versions(String url, Credentials credentials)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (credentials.username() + ":" + credentials.password())
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/index.yaml"))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + auth)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    Object entries = Yaml.map(response.body()).get("entries");
    List<String> versions = new ArrayList<>();
    if (entries instanceof Map<?, ?> m && m.get(Podinfo.NAME) instanceof List<?> charts) {
      for (Object chart : charts) {
        if (chart instanceof Map<?, ?> c && c.get("version") != null) {
          versions.add(c.get("version").toString());
        }
      }
    }
    return versions;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object parent, String key) {
    Object v = parent instanceof Map<?, ?> m ? m.get(key) : null;
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
  }
}
