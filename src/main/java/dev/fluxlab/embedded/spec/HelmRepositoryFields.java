package dev.fluxlab.embedded.spec;

import static dev.fluxlab.embedded.spec.SpecField.handled;
import static dev.fluxlab.embedded.spec.SpecField.refused;

import java.util.List;

/** source.toolkit.fluxcd.io/v1 HelmRepository (source-controller 1.9), field by field. */
final class HelmRepositoryFields {
  private HelmRepositoryFields() {}

  static final List<SpecField> ALL =
      List.of(
          handled(
              "spec.url",
              "http(s):// index URL; oci://host/path with type oci (the environment's registry)"),
          handled(
              "spec.type",
              "default fetches the index; oci is a static object (no status), its charts pulled"
                  + " by the release"),
          handled("spec.interval", "index fetched at this interval; no effect with type oci"),
          handled("spec.suspend", "not reconciled"),
          handled(
              "spec.timeout",
              "bounds the index fetch; with type oci only 60s (registry calls use ORAS's"
                  + " timeouts)"),
          handled(
              "spec.secretRef",
              "type oci: image pull Secret (dockerconfigjson) or username/password; refused with"
                  + " type default (HTTP basic auth is not implemented)"),
          handled(
              "spec.certSecretRef",
              "type oci: ca.crt trusted for the registry's certificate; refused with type"
                  + " default"),
          refused(
              "spec.insecure",
              "plain-HTTP registries are not served: the registry speaks TLS",
              false),
          refused("spec.passCredentials", "credentials are never sent to other hosts", false),
          refused("spec.provider", "only generic credentials are implemented", "generic"),
          handled("spec.accessFrom", "no effect: not implemented by Flux either"));
}
