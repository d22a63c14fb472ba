package dev.fluxlab.embedded.spec;

import static dev.fluxlab.embedded.spec.SpecField.handled;
import static dev.fluxlab.embedded.spec.SpecField.refused;

import java.util.List;

/** source.toolkit.fluxcd.io/v1 OCIRepository (source-controller 1.9), field by field. */
final class OCIRepositoryFields {
  private OCIRepositoryFields() {}

  static final List<SpecField> ALL =
      List.of(
          handled("spec.url", "oci://host/repository; the environment's registry only"),
          handled("spec.interval", "reconciled at this interval"),
          handled("spec.suspend", "not reconciled"),
          handled("spec.ref.tag", "default latest; revision <tag>@sha256:<digest>"),
          handled("spec.ref.semver", "highest matching tag"),
          refused("spec.ref.semverFilter", "tag filters are not implemented"),
          handled("spec.ref.digest", "revision is the digest"),
          handled("spec.layerSelector.mediaType", "first layer of that media type"),
          handled("spec.layerSelector.operation", "extract or copy"),
          handled("spec.secretRef", "image pull Secret (dockerconfigjson)"),
          handled("spec.certSecretRef", "ca.crt trusted for the registry's certificate"),
          handled("spec.insecure", "no certificate check when no CA is given"),
          refused("spec.timeout", "registry calls use ORAS's timeouts", "60s"),
          refused("spec.provider", "only generic credentials are implemented", "generic"),
          refused("spec.serviceAccountName", "pull secrets of ServiceAccounts are not read"),
          refused("spec.proxySecretRef", "no proxy is reachable from the embedded backend"),
          refused("spec.ignore", "ignore rules of OCI artifacts are not implemented"),
          refused("spec.verify", "signature verification (cosign, notation) is not implemented"));
}
