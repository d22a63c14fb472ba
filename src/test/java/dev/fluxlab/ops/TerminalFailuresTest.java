package dev.fluxlab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.FluxKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failures end a wait at once, read from one snapshot. */
class TerminalFailuresTest {
  private static ObjectStatus ks(
      String name, String ready, String reason, boolean observed, boolean stalled, String... deps) {
    return new ObjectStatus(
        "dev",
        FluxKind.KUSTOMIZATION,
        "flux-system",
        name,
        ready,
        reason,
        "message of " + name,
        "main@sha1:abc",
        false,
        "True".equals(ready) && observed,
        observed,
        stalled,
        List.of(deps));
  }

  @Test
  void aStalledObjectIsFinalWhateverElseIsGoingOn() {
    ObjectStatus stalled = ks("apps", "False", "AccessDenied", true, true);
    ObjectStatus progressing = ks("infra", "Unknown", "Progressing", false, false);

    assertThat(TerminalFailures.candidates(List.of(stalled, progressing))).containsExactly(stalled);
  }

  @Test
  void aFailureIsACandidateOnlyWhenNothingElseIsProgressing() {
    ObjectStatus failed = ks("apps", "False", "ReconciliationFailed", true, false);
    ObjectStatus ready = ks("infra", "True", "ReconciliationSucceeded", true, false);
    ObjectStatus progressing = ks("infra", "Unknown", "Progressing", false, false);

    assertThat(TerminalFailures.candidates(List.of(failed, ready))).containsExactly(failed);
    assertThat(TerminalFailures.candidates(List.of(failed, progressing))).isEmpty();
  }

  @Test
  void aFailureNotYetObservedForTheCurrentGenerationIsNotFinal() {
    ObjectStatus stale = ks("apps", "False", "BuildFailed", false, false);

    assertThat(TerminalFailures.candidates(List.of(stale))).isEmpty();
  }

  @Test
  void waitingForAFailedDependencyIsBlockedNotProgressing() {
    ObjectStatus failed = ks("infra", "False", "BuildFailed", true, false);
    ObjectStatus blocked =
        ks("apps", "False", "DependencyNotReady", true, false, "Kustomization/flux-system/infra");
    ObjectStatus waitingOnReady =
        ks("web", "False", "DependencyNotReady", true, false, "Kustomization/flux-system/other");
    ObjectStatus other = ks("other", "True", "ReconciliationSucceeded", true, false);

    assertThat(TerminalFailures.candidates(List.of(failed, blocked))).containsExactly(failed);
    // Its dependency is Ready: it is about to move, and may change what failed.
    assertThat(TerminalFailures.candidates(List.of(failed, waitingOnReady, other))).isEmpty();
  }

  @Test
  void nothingFailedMeansNoVerdict() {
    assertThat(TerminalFailures.candidates(List.of(ks("a", "Unknown", "", false, false))))
        .isEmpty();
  }
}
