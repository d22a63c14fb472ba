package dev.fluxlab.cli;

/** The exit codes of every fluxlab command. */
public final class ExitCodes {
  public static final int OK = 0;

  /** The operation ran and failed: not converged, scenario failed, timeout. */
  public static final int FAILURE = 1;

  /** Bad input: an unknown option or setting, a bad value, a missing file, a taken port. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
