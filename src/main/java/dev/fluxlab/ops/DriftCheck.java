package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.util.Conflicts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code drift}: changes objects Flux manages by hand, the way someone with kubectl would — scales
 * the podinfo Deployment (owned by the HelmRelease, with drift detection on) to zero and edits the
 * podinfo-settings ConfigMap (owned by the apps Kustomization) — asks Flux to reconcile, and times
 * how long until both are restored.
 */
public final class DriftCheck {
  private static final String DRIFTED = "changed-by-hand";

  private final Environment env;
  private final Podinfo podinfo;
  private final Duration timeout;

  public DriftCheck(Environment env, Podinfo podinfo, Duration timeout) {
    this.env = env;
    this.podinfo = podinfo;
    this.timeout = timeout;
  }

  /** Time from the change to both objects restored, per cluster. */
  public Map<String, Duration> run() {
    Map<String, Duration> latency = new LinkedHashMap<>();
    for (String cluster : env.clusters()) {
      var client = env.client(cluster);
      var deployment =
          client.apps().deployments().inNamespace(podinfo.namespace()).withName(Podinfo.NAME);
      var settings =
          client.configMaps().inNamespace(podinfo.namespace()).withName(Podinfo.SETTINGS_CONFIGMAP);
      Deployment before = deployment.get();
      ConfigMap settingsBefore = settings.get();
      if (before == null || settingsBefore == null) {
        throw new dev.fluxlab.api.FluxLabException(
            "drift needs the fixture's podinfo Deployment and ConfigMap "
                + podinfo.namespace()
                + "/"
                + Podinfo.SETTINGS_CONFIGMAP
                + " on cluster "
                + cluster);
      }
      Integer replicas = before.getSpec().getReplicas();
      String tier = settingsBefore.getData().get("tier");
      long start = System.nanoTime();
      Conflicts.retry(
          () -> {
            Deployment d = deployment.get();
            d.getSpec().setReplicas(0);
            client.apps().deployments().resource(d).update();
          });
      Conflicts.retry(
          () -> {
            ConfigMap c = settings.get();
            c.getData().put("tier", DRIFTED);
            client.configMaps().resource(c).update();
          });
      env.flux(cluster)
          .requestReconcile(
              FluxKind.KUSTOMIZATION,
              podinfo.kustomizationNamespace(),
              podinfo.kustomizationName());
      env.flux(cluster).requestReconcile(FluxKind.HELM_RELEASE, podinfo.namespace(), Podinfo.NAME);
      Waits.until(
          "Flux to restore podinfo on " + cluster,
          timeout,
          () ->
              Objects.equals(deployment.get().getSpec().getReplicas(), replicas)
                  && Objects.equals(settings.get().getData().get("tier"), tier),
          () ->
              "Deployment replicas "
                  + deployment.get().getSpec().getReplicas()
                  + " (want "
                  + replicas
                  + "), ConfigMap tier '"
                  + settings.get().getData().get("tier")
                  + "' (want '"
                  + tier
                  + "')");
      latency.put(cluster, Duration.ofNanos(System.nanoTime() - start));
    }
    return latency;
  }
}
