package dev.fluxlab.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;

/**
 * A {@link HostConfig} with no masked and no read-only /proc and /sys paths: what {@code docker run
 * --security-opt systempaths=unconfined} sends. The CLI turns that option into empty {@code
 * MaskedPaths}/{@code ReadonlyPaths} lists itself; the engine refuses it as a security option
 * ("invalid --security-opt 2"), and docker-java's HostConfig has neither field.
 */
final class UnmaskedHostConfig extends HostConfig {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper COPY =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Empty, not absent: absent means the engine's default list of masked paths. */
  @JsonProperty("MaskedPaths")
  private final List<String> maskedPaths = List.of();

  @JsonProperty("ReadonlyPaths")
  private final List<String> readonlyPaths = List.of();

  /** {@code original}'s settings, unmasked. */
  static UnmaskedHostConfig of(HostConfig original) {
    return COPY.convertValue(original, UnmaskedHostConfig.class);
  }
}
