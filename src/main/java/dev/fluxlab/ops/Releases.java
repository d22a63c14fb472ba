package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.util.YamlPathEditor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code new-release}: bumps podinfo's chart version in git, pushes, asks each cluster's source to
 * fetch (as {@code flux reconcile source git} would), and waits until every cluster's HelmRelease
 * has released it and the Deployment runs the new image.
 */
public final class Releases {
  private final Environment env;
  private final Podinfo podinfo;
  private final Duration timeout;

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
    return image(cluster).endsWith(":" + version);
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
        + "'";
  }
}
