package dev.fluxlab.cli;

import java.io.PrintWriter;

/** Entry point of the fluxlab CLI; the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(Cli.create(out, err).execute(args));
  }
}
