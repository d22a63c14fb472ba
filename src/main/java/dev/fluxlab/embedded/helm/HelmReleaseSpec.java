package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.Sha256;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fields of a HelmRelease (helm.toolkit.fluxcd.io/v2) this backend acts on, with
 * helm-controller's defaults applied.
 */
record HelmReleaseSpec(
    String namespace,
    String name,
    boolean usesChartRef,
    String chartRefKind,
    String chartRefNamespace,
    String chartRefName,
    boolean usesChartTemplate,
    String chart,
    String versionConstraint,
    String sourceKind,
    String sourceNamespace,
    String sourceName,
    String targetNamespace,
    String releaseName,
    String storageNamespace,
    Duration interval,
    Duration timeout,
    int maxHistory,
    boolean driftDetection,
    boolean suspend,
    boolean installWait,
    boolean upgradeWait,
    boolean createNamespace,
    List<Object> valuesFrom,
    Map<String, Object> values) {

  /** Helm's limit on release names (they become label values and secret names). */
  private static final int MAX_RELEASE_NAME = 53;

  /** Reads the spec; {@link #requireSupported()} says whether it can be acted on. */
  static HelmReleaseSpec of(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    String ns = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    Map<String, Object> chartSpec = Maps.map(spec, "chart", "spec");
    String targetNamespace = Maps.string(spec, "targetNamespace");
    // helm-controller's default: the name, prefixed with the target namespace when one is set.
    String defaultReleaseName =
        targetNamespace == null || targetNamespace.isEmpty() ? name : targetNamespace + "-" + name;
    Object maxHistory = Maps.get(spec, "maxHistory");
    return new HelmReleaseSpec(
        ns,
        name,
        !Maps.map(spec, "chartRef").isEmpty(),
        Maps.string(spec, "chartRef", "kind"),
        Maps.stringOr(spec, ns, "chartRef", "namespace"),
        Maps.string(spec, "chartRef", "name"),
        !Maps.map(spec, "chart").isEmpty(),
        Maps.string(chartSpec, "chart"),
        Maps.stringOr(chartSpec, "*", "version"),
        Maps.string(chartSpec, "sourceRef", "kind"),
        Maps.stringOr(chartSpec, ns, "sourceRef", "namespace"),
        Maps.string(chartSpec, "sourceRef", "name"),
        Maps.stringOr(spec, ns, "targetNamespace"),
        shorten(Maps.stringOr(spec, defaultReleaseName, "releaseName")),
        Maps.stringOr(spec, ns, "storageNamespace"),
        GoDuration.parse(Maps.stringOr(spec, "10m", "interval")),
        GoDuration.parse(Maps.stringOr(spec, "5m", "timeout")),
        maxHistory instanceof Number n ? n.intValue() : 5,
        "enabled".equals(Maps.string(spec, "driftDetection", "mode")),
        Maps.bool(spec, "suspend"),
        !Maps.bool(spec, "install", "disableWait"),
        !Maps.bool(spec, "upgrade", "disableWait"),
        Maps.bool(spec, "install", "createNamespace"),
        Maps.list(spec, "valuesFrom"),
        Maps.map(spec, "values"));
  }

  /**
   * @throws ReleaseException when the HelmRelease uses a feature the embedded backend lacks
   */
  void requireSupported() {
    if (usesChartRef) {
      if (!FluxCrds.OCI_REPOSITORY.kind().equals(chartRefKind)) {
        throw new ReleaseException(
            "ArtifactFailed",
            "spec.chartRef kind '"
                + chartRefKind
                + "' is not supported by fluxlab's embedded backend: only OCIRepository");
      }
      return;
    }
    if (!FluxCrds.HELM_REPOSITORY.kind().equals(sourceKind)) {
      throw new ReleaseException(
          "ArtifactFailed",
          "chart source kind '"
              + sourceKind
              + "' is not supported by fluxlab's embedded backend: spec.chart.spec.sourceRef"
              + " must be a HelmRepository");
    }
    if (chart == null || chart.isBlank()) {
      throw new ReleaseException("ArtifactFailed", "spec.chart.spec.chart is required");
    }
  }

  /**
   * helm-controller's isValidChartRef: exactly one of {@code chart} and {@code chartRef}. Flux's
   * CRD refuses anything else at admission; helm-controller stops without writing a status.
   */
  boolean validChartReference() {
    return usesChartRef != usesChartTemplate;
  }

  /** The HelmChart helm-controller would create for this release: {@code <srcNs>/<ns>-<name>}. */
  String helmChart() {
    return sourceNamespace + "/" + namespace + "-" + name;
  }

  /**
   * helm-controller shortens release names over Helm's limit: a prefix and a hash of the full name,
   * so distinct long names stay distinct.
   */
  private static String shorten(String releaseName) {
    if (releaseName.length() <= MAX_RELEASE_NAME) {
      return releaseName;
    }
    String hash = Sha256.hex(releaseName).substring(0, 12);
    String prefix = releaseName.substring(0, MAX_RELEASE_NAME - hash.length() - 1);
    while (prefix.endsWith("-")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + hash;
  }
}
