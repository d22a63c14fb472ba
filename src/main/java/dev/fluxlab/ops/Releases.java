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
  private final Duration timeout;

  public Releases(Environment env, Duration timeout) {
    this.env = env;
    this.timeout = timeout;
  }

  /** Per-cluster time from push to rolled out. */
  public record Outcome(String version, String commit, Map<String, Duration> latencyByCluster) {}

  /** The chart version in git now. */
  public String currentVersion() {
    try (GitWorkspace ws = env.checkout(SeedPlan.FLEET_REPOSITORY)) {
      Object v = YamlPathEditor.get(ws.read(Podinfo.RELEASE_FILE), Podinfo.VERSION_PATH);
      return v == null ? null : v.toString();
    }
  }

  public Outcome release(String version) {
    String commit;
    long start;
    try (GitWorkspace ws = env.checkout(SeedPlan.FLEET_REPOSITORY)) {
      if (!ws.exists(Podinfo.RELEASE_FILE)) {
        throw new FluxLabException(
            "repository "
                + SeedPlan.FLEET_REPOSITORY
                + " has no "
                + Podinfo.RELEASE_FILE
                + ": new-release works on fluxlab's fixture layout");
      }
      String text = ws.read(Podinfo.RELEASE_FILE);
      Object current = YamlPathEditor.get(text, Podinfo.VERSION_PATH);
      if (version.equals(String.valueOf(current))) {
        throw new FluxLabException(
            "podinfo is already at " + version + " in git (choose another version with --version)");
      }
      ws.write(Podinfo.RELEASE_FILE, YamlPathEditor.set(text, Podinfo.VERSION_PATH, version));
      start = System.nanoTime();
      commit = ws.commitAndPush("Release podinfo " + version);
    }
    for (String cluster : env.clusters()) {
      env.flux(cluster)
          .requestReconcile(FluxKind.GIT_REPOSITORY, FluxBootstrap.NAMESPACE, FluxBootstrap.NAME);
    }
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
        env.flux(cluster).get(FluxKind.HELM_RELEASE, Podinfo.NAMESPACE, Podinfo.NAME);
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
            .inNamespace(Podinfo.NAMESPACE)
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
        env.flux(cluster).get(FluxKind.HELM_RELEASE, Podinfo.NAMESPACE, Podinfo.NAME);
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
