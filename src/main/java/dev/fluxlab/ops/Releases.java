package dev.fluxlab.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.util.YamlPathEditor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code new-release}: bumps podinfo's chart version in git, pushes, asks each cluster's source to
 * fetch (as {@code flux reconcile source git} would), and waits until every cluster's HelmRelease
 * has released it and the Deployment runs the new image; where the cluster's nodes run pods, until
 * podinfo itself answers {@code /version} with it.
 */
public final class Releases {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Environment env;
  private final Podinfo podinfo;
  private final Duration timeout;

  /** Per cluster: whether its nodes run pods (asked once; it does not change under a release). */
  private final Map<String, Boolean> podsRun = new ConcurrentHashMap<>();

  public Releases(Environment env, Podinfo podinfo, Duration timeout) {
    this.env = env;
    this.podinfo = podinfo;
    this.timeout = timeout;
  }

  /** Per-cluster time from push to rolled out. */
  public record Outcome(String version, String commit, Map<String, Duration> latencyByCluster) {}

  /** The chart version in git now. */
  public String currentVersion() {
    try (GitWorkspace ws = env.checkout(podinfo.repository())) {
      Object v = YamlPathEditor.get(ws.read(podinfo.releaseFile()), Podinfo.VERSION_PATH);
      return v == null ? null : v.toString();
    }
  }

  public Outcome release(String version) {
    String commit;
    long start;
    try (GitWorkspace ws = env.checkout(podinfo.repository())) {
      if (!ws.exists(podinfo.releaseFile())) {
        throw new FluxLabException(
            "repository "
                + SeedPlan.FLEET_REPOSITORY
                + " has no "
                + podinfo.releaseFile()
                + ": new-release works on fluxlab's fixture layout");
      }
      String text = ws.read(podinfo.releaseFile());
      Object current = YamlPathEditor.get(text, Podinfo.VERSION_PATH);
      if (version.equals(String.valueOf(current))) {
        throw new FluxLabException(
            "podinfo is already at " + version + " in git (choose another version with --version)");
      }
      ws.write(podinfo.releaseFile(), YamlPathEditor.set(text, Podinfo.VERSION_PATH, version));
      start = System.nanoTime();
      commit = ws.commitAndPush("Release podinfo " + version);
    }
    SourceFetch.request(env, podinfo.repository());
    Map<String, Duration> latency = new LinkedHashMap<>();
    for (String cluster : env.clusters()) {
      Waits.until(
          "podinfo " + version + " to roll out on " + cluster,
          timeout,
          () -> rolledOut(cluster, version),
          () -> describe(cluster));
      latency.put(cluster, Duration.ofNanos(System.nanoTime() - start));
    }
    return new Outcome(version, commit, latency);
  }

  /** The HelmRelease is Ready at {@code version} and the Deployment's image carries it. */
  public boolean rolledOut(String cluster, String version) {
    GenericKubernetesResource hr =
        env.flux(cluster).get(FluxKind.HELM_RELEASE, podinfo.namespace(), Podinfo.NAME);
    if (hr == null) {
      return false;
    }
    ObjectStatus status = ObjectStatus.of(cluster, FluxKind.HELM_RELEASE, hr);
    if (!status.settled() || !version.equals(status.revision())) {
      return false;
    }
    if (!image(cluster).endsWith(":" + version)) {
      return false;
    }
    return !podsRun(cluster) || served(cluster).map(version::equals).orElse(false);
  }

  /** Whether podinfo can serve on this cluster at all (its nodes run pods). */
  public boolean podsRun(String cluster) {
    return podsRun.computeIfAbsent(cluster, c -> ServiceProbe.podsRun(env.client(c)));
  }

  /**
   * The version podinfo answers on {@code /version} through its Service, or empty when no pod
   * answers (yet) or the cluster runs no pods.
   */
  public Optional<String> served(String cluster) {
    if (!podsRun(cluster)) {
      return Optional.empty();
    }
    try {
      ServiceProbe.Answer answer =
          ServiceProbe.get(
              env.client(cluster), podinfo.namespace(), Podinfo.NAME, null, "/version");
      if (answer.status() != 200) {
        return Optional.empty();
      }
      Object v = JSON.readValue(answer.body(), Map.class).get("version");
      return Optional.ofNullable(v == null ? null : v.toString());
    } catch (IllegalStateException | IOException e) {
      return Optional.empty();
    }
  }

  /** The podinfo container image on a cluster, or "" when there is no Deployment. */
  public String image(String cluster) {
    Deployment d =
        env.client(cluster)
            .apps()
            .deployments()
            .inNamespace(podinfo.namespace())
            .withName(Podinfo.NAME)
            .get();
    if (d == null) {
      return "";
    }
    List<io.fabric8.kubernetes.api.model.Container> containers =
        d.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() ? "" : containers.get(0).getImage();
  }

  private String describe(String cluster) {
    GenericKubernetesResource hr =
        env.flux(cluster).get(FluxKind.HELM_RELEASE, podinfo.namespace(), Podinfo.NAME);
    if (hr == null) {
      return "no HelmRelease podinfo/podinfo";
    }
    ObjectStatus s = ObjectStatus.of(cluster, FluxKind.HELM_RELEASE, hr);
    return "HelmRelease at '"
        + s.revision()
        + "' Ready="
        + s.ready()
        + " ("
        + s.message()
        + "), image '"
        + image(cluster)
        + "'"
        + (podsRun(cluster) ? ", served " + served(cluster).orElse("nothing") : "");
  }
}
