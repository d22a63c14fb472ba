package dev.fluxlab.embedded.helm;

/** The Helm actions helm-controller performs, with the reasons it reports for them. */
enum ReleaseAction {
  INSTALL("install", "InstallSucceeded", "InstallFailed"),
  UPGRADE("upgrade", "UpgradeSucceeded", "UpgradeFailed");

  private final String verb;
  private final String succeededReason;
  private final String failedReason;

  ReleaseAction(String verb, String succeededReason, String failedReason) {
    this.verb = verb;
    this.succeededReason = succeededReason;
    this.failedReason = failedReason;
  }

  /** As {@code status.lastAttemptedReleaseAction} spells it. */
  String verb() {
    return verb;
  }

  String succeededReason() {
    return succeededReason;
  }

  String failedReason() {
    return failedReason;
  }
}
