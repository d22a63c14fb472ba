package dev.fluxlab.embedded.spec;

import static dev.fluxlab.embedded.spec.SpecField.handled;
import static dev.fluxlab.embedded.spec.SpecField.refused;

import java.util.List;

/** kustomize.toolkit.fluxcd.io/v1 Kustomization (kustomize-controller 1.9), field by field. */
final class KustomizationFields {
  private KustomizationFields() {}

  static final List<SpecField> ALL =
      List.of(
          handled("spec.interval", "reconciled at this interval"),
          handled("spec.retryInterval", "retry after a failure"),
          handled("spec.timeout", "bounds apply, health checks and WaitForTermination"),
          handled("spec.suspend", "not reconciled, not pruned on deletion"),
          handled(
              "spec.sourceRef", "GitRepository, OCIRepository; other kinds are refused when read"),
          handled("spec.path", "built with kubectl kustomize"),
          handled("spec.prune", "garbage collection from the inventory"),
          handled("spec.serviceAccountName", "applies and prunes as that ServiceAccount"),
          handled("spec.targetNamespace", "kustomization.yaml namespace, as Flux sets it"),
          handled("spec.dependsOn", "Ready at the latest revision"),
          refused("spec.dependsOn[].readyExpr", "CEL readiness of dependencies is not implemented"),
          handled("spec.postBuild.substitute", "variables"),
          handled("spec.postBuild.substituteFrom", "ConfigMaps and Secrets, optional ones"),
          refused(
              "spec.postBuild.substituteStrategy",
              "only the default WithVariables is implemented",
              "WithVariables"),
          handled("spec.commonMetadata", "labels and annotations set on every object"),
          handled("spec.patches", "kustomization.yaml patches"),
          handled("spec.images", "kustomization.yaml images, merged into existing entries"),
          handled("spec.components", "kustomization.yaml components (local, relative)"),
          handled("spec.ignoreMissingComponents", "missing components are left out"),
          handled("spec.namePrefix", "kustomization.yaml namePrefix"),
          handled("spec.nameSuffix", "kustomization.yaml nameSuffix"),
          handled("spec.buildMetadata", "kustomization.yaml buildMetadata"),
          handled("spec.force", "recreates objects whose immutable fields changed"),
          handled("spec.deletionPolicy", "MirrorPrune, Delete, WaitForTermination, Orphan"),
          handled("spec.wait", "health of every applied object"),
          handled("spec.healthChecks", "health of the listed objects (kstatus)"),
          handled("spec.healthCheckExprs", "CEL current/failed/inProgress (dev.cel)"),
          handled(
              "spec.decryption",
              "provider sops, with the real sops binary: age keys (`*.agekey`) of secretRef;"
                  + " PGP, Vault and cloud KMS keys are not imported"),
          handled(
              "spec.decryption.serviceAccountName",
              "FeatureGateDisabled, as Flux's default (workload identity is off)"),
          refused("spec.kubeConfig", "remote clusters are not reachable from the embedded backend"),
          refused("spec.ignore", "drift ignore rules are not implemented"));
}
