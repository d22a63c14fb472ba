package dev.fluxlab.api;

import java.nio.file.Path;

/**
 * An environment failed to start for a reason of fluxlab's own making (a process that exited, a
 * server that did not come up), and the logs that explain it were kept in {@link #logs()} before
 * the environment was removed.
 */
public final class StartFailedException extends FluxLabException {
  private final String reason;
  private final transient Path logs;

  public StartFailedException(String reason, Path logs, Throwable cause) {
    super(reason + " (all logs: " + logs + ")", cause);
    this.reason = reason;
    this.logs = logs;
  }

  /** The failure, without where its logs are. */
  public String reason() {
    return reason;
  }

  public Path logs() {
    return logs;
  }
}
