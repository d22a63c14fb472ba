package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.spec.SpecFields;
import dev.fluxlab.util.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HelmRepository fields the embedded backend refuses: those its registry refuses for every
 * type, and those it serves for one type only (credentials and CA with type oci, a timeout other
 * than ORAS's with type default only).
 */
final class HelmRepositoryRefusals {
  private static final Duration ORAS_TIMEOUT = Duration.ofSeconds(60);

  private HelmRepositoryRefusals() {}

  /** The message for the first refused field {@code spec} sets, or empty. */
  static Optional<String> of(Map<String, Object> spec) {
    Optional<String> refused = SpecFields.HELM_REPOSITORY.refusal(spec);
    if (refused.isPresent()) {
      return refused;
    }
    if ("oci".equals(Maps.string(spec, "type"))) {
      String timeout = Maps.string(spec, "timeout");
      if (timeout != null && !GoDuration.parse(timeout).equals(ORAS_TIMEOUT)) {
        return Optional.of(
            refusal("spec.timeout", "with type oci only 60s (registry calls use ORAS's timeouts)"));
      }
      return Optional.empty();
    }
    for (String field : new String[] {"secretRef", "certSecretRef"}) {
      if (!Maps.map(spec, field).isEmpty()) {
        return Optional.of(
            refusal(
                "spec." + field,
                "with type default (HTTP chart repositories are read without credentials or"
                    + " client TLS settings); type oci uses it"));
      }
    }
    return Optional.empty();
  }

  private static String refusal(String field, String why) {
    return field + " is not supported by fluxlab's embedded backend: " + why;
  }
}
