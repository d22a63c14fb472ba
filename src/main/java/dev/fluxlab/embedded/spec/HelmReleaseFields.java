package dev.fluxlab.embedded.spec;

import static dev.fluxlab.embedded.spec.SpecField.handled;
import static dev.fluxlab.embedded.spec.SpecField.refused;

import java.util.List;

/** helm.toolkit.fluxcd.io/v2 HelmRelease (helm-controller 1.6), field by field. */
final class HelmReleaseFields {
  private HelmReleaseFields() {}

  private static final String NO_PODS =
      "no pods run: workloads are ready at once, so waiting changes nothing";
  private static final String NO_HOOKS =
      "chart hooks and tests are never run on the embedded backend";

  static final List<SpecField> ALL =
      List.of(
          handled("spec.interval", "reconciled at this interval"),
          handled("spec.timeout", "bounds the wait of each Helm action"),
          handled("spec.suspend", "not reconciled, not uninstalled on deletion"),
          handled("spec.releaseName", "with helm-controller's default and shortening"),
          handled("spec.targetNamespace", "release namespace"),
          handled("spec.storageNamespace", "where release Secrets are stored"),
          handled("spec.maxHistory", "release Secrets kept"),
          handled("spec.serviceAccountName", "applies as that ServiceAccount"),
          handled("spec.persistentClient", "no effect: the embedded client is always persistent"),
          handled("spec.dependsOn", "Ready dependencies first"),
          refused("spec.dependsOn[].readyExpr", "CEL readiness of dependencies is not implemented"),
          handled("spec.values", "merged over valuesFrom"),
          handled("spec.valuesFrom", "ConfigMap/Secret, valuesKey, targetPath, optional"),
          refused(
              "spec.valuesFrom[].literal",
              "--set-literal is not implemented (targetPath values are typed like --set)",
              false),
          handled("spec.commonMetadata", "labels and annotations set on every rendered object"),
          handled("spec.postRenderers", "kustomize patches and images"),
          handled("spec.postRenderStrategy", "no effect: hooks are never rendered"),
          handled(
              "spec.chart.spec.chart",
              "from the HelmRepository index, or pulled as url/chart from the registry (type oci)"),
          handled("spec.chart.spec.version", "semver ranges (type oci: over the registry's tags)"),
          handled("spec.chart.spec.sourceRef", "HelmRepository only; other kinds are refused"),
          handled("spec.chart.spec.interval", "no effect: charts are resolved every reconcile"),
          refused(
              "spec.chart.spec.reconcileStrategy",
              "only ChartVersion is implemented",
              "ChartVersion"),
          refused("spec.chart.spec.valuesFiles", "chart values files are not implemented"),
          refused(
              "spec.chart.spec.ignoreMissingValuesFiles",
              "chart values files are not implemented",
              false),
          refused("spec.chart.spec.verify", "chart signature verification is not implemented"),
          refused(
              "spec.chart.metadata", "the embedded backend makes no HelmChart objects to label"),
          handled(
              "spec.chartRef",
              "an OCIRepository's chart artifact; its digest stamped on the chart version"),
          refused(
              "spec.chartRef.kind",
              "HelmChart and ExternalArtifact sources are not served",
              "OCIRepository"),
          handled("spec.driftDetection.mode", "enabled corrects drift; warn and disabled do not"),
          refused("spec.driftDetection.ignore", "drift ignore rules are not implemented"),
          refused("spec.healthCheckExprs", "CEL health checks of releases are not implemented"),
          handled("spec.waitStrategy", "no effect: " + NO_PODS),
          handled("spec.install.createNamespace", "creates the target namespace"),
          handled("spec.install.disableWait", "skips the health wait"),
          handled("spec.install.disableWaitForJobs", NO_PODS),
          handled("spec.install.timeout", "bounds the install wait"),
          handled("spec.install.remediation.retries", "uninstall and retry after a failure"),
          handled(
              "spec.install.remediation.remediateLastFailure",
              "whether the last failure is remediated too"),
          handled("spec.install.remediation.ignoreTestFailures", NO_HOOKS),
          handled(
              "spec.install.strategy.name",
              "RemediateOnFailure, or RetryOnFailure: no remediation, retried after the interval"),
          handled(
              "spec.install.strategy.retryInterval", "the RetryOnFailure interval (default 5m)"),
          refused(
              "spec.install.crds",
              "chart crds/ directories are not installed (only Skip is what happens)",
              "Skip"),
          refused("spec.install.skipCRDs", "chart crds/ are never installed: only true", true),
          handled("spec.install.disableHooks", NO_HOOKS),
          handled(
              "spec.install.disableOpenAPIValidation", "no effect: there is no OpenAPI validation"),
          handled(
              "spec.install.disableSchemaValidation", "no effect: there is no schema validation"),
          refused(
              "spec.install.disableTakeOwnership", "ownership checks are not implemented", false),
          refused("spec.install.replace", "name reuse is not implemented", false),
          handled("spec.install.serverSideApply", "no effect: objects are always applied"),
          handled("spec.upgrade.disableWait", "skips the health wait"),
          handled("spec.upgrade.disableWaitForJobs", NO_PODS),
          handled("spec.upgrade.timeout", "bounds the upgrade wait"),
          handled("spec.upgrade.remediation.retries", "rollback or uninstall after a failure"),
          handled("spec.upgrade.remediation.strategy", "rollback or uninstall"),
          handled(
              "spec.upgrade.remediation.remediateLastFailure",
              "whether the last failure is remediated too"),
          handled("spec.upgrade.remediation.ignoreTestFailures", NO_HOOKS),
          handled(
              "spec.upgrade.strategy.name",
              "RemediateOnFailure, or RetryOnFailure: no remediation, retried after the interval"),
          handled(
              "spec.upgrade.strategy.retryInterval", "the RetryOnFailure interval (default 5m)"),
          refused("spec.upgrade.crds", "chart crds/ are never upgraded (only Skip)", "Skip"),
          handled("spec.upgrade.disableHooks", NO_HOOKS),
          handled(
              "spec.upgrade.disableOpenAPIValidation", "no effect: there is no OpenAPI validation"),
          handled(
              "spec.upgrade.disableSchemaValidation", "no effect: there is no schema validation"),
          refused(
              "spec.upgrade.disableTakeOwnership", "ownership checks are not implemented", false),
          refused(
              "spec.upgrade.cleanupOnFail", "cleanup of failed upgrades is not implemented", false),
          refused("spec.upgrade.force", "forced replacement is not implemented", false),
          refused(
              "spec.upgrade.preserveValues", "reusing the last values is not implemented", false),
          refused(
              "spec.upgrade.chartNameChangeStrategy",
              "chart name changes are upgraded in place only",
              "InPlaceUpdate"),
          handled("spec.upgrade.serverSideApply", "no effect: objects are always applied"),
          handled("spec.rollback.timeout", "bounds the rollback wait"),
          handled("spec.rollback.disableWait", NO_PODS),
          handled("spec.rollback.disableWaitForJobs", NO_PODS),
          handled("spec.rollback.disableHooks", NO_HOOKS),
          refused(
              "spec.rollback.cleanupOnFail",
              "cleanup of failed rollbacks is not implemented",
              false),
          refused("spec.rollback.force", "forced replacement is not implemented", false),
          refused("spec.rollback.recreate", "pod restarts are not simulated", false),
          handled("spec.rollback.serverSideApply", "no effect: objects are always applied"),
          handled("spec.uninstall.keepHistory", "keeps the release Secrets"),
          handled("spec.uninstall.timeout", "bounds the uninstall wait"),
          handled("spec.uninstall.disableHooks", NO_HOOKS),
          handled("spec.uninstall.disableWait", "no effect: deletions are immediate"),
          refused(
              "spec.uninstall.deletionPropagation",
              "only background deletion is implemented",
              "background"),
          refused("spec.test.enable", NO_HOOKS, false),
          handled("spec.test.ignoreFailures", NO_HOOKS),
          handled("spec.test.timeout", NO_HOOKS),
          handled("spec.test.filters", NO_HOOKS),
          refused(
              "spec.kubeConfig", "remote clusters are not reachable from the embedded backend"));
}
