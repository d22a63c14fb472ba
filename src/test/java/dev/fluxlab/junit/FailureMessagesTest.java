package dev.fluxlab.junit;

import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failed expectation says which object, what was expected, what was seen and Flux's message. */
@FluxLab(repo = "fixtures/example-consumer", path = "deploy/clusters/dev")
class FailureMessagesTest {
  @Test
  void aWrongRevisionNamesTheObjectTheExpectationAndTheFluxMessage(FluxLabEnvironment env) {
    assertThatThrownBy(
            () -> env.flux(KUSTOMIZATION, "flux-system", "web").now().hasRevision("main@sha1:0000"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "expected Kustomization flux-system/web on dev to be revision main@sha1:0000, but revision 'main@sha1:")
        .hasMessageContaining("Flux message 'Applied revision: main@sha1:");
  }

  @Test
  void aWaitThatTimesOutSaysWhatItLastSaw(FluxLabEnvironment env) {
    assertThatThrownBy(
            () ->
                env.object("v1", "ConfigMap", "web", "web-config")
                    .within(Duration.ofMillis(200))
                    .hasField("data.greeting", "never"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "timed out after 200ms waiting for ConfigMap web/web-config on dev to be data.greeting = never; last seen: data.greeting = hello");
  }
}
