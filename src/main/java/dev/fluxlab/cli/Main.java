package dev.fluxlab.cli;

import java.io.PrintWriter;

/** Entry point of the fluxlab CLI; the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = Cli.create(out, err).execute(args);
    } catch (Throwable t) {
      // An Error escaping the command would otherwise end main() without exit, and the JVM would
      // stay up forever for the servers' non-daemon threads.
      err.println("fluxlab: internal error: " + t);
      code = ExitCodes.FAILURE;
    }
    System.exit(code);
  }
}
