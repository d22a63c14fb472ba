package dev.fluxlab.cli;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.Settings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code fluxlab serve} as a background process (its own session when {@code setsid} is
 * there, so closing the terminal does not stop it), relays its progress, and returns once it
 * reports Ready, or with its exit code when it fails.
 */
final class DetachedDeploy {
  /** A process ended by signal N exits with 128 + N (as shells and the JDK report it). */
  private static final int SIGNAL_EXIT_BASE = 128;

  /** How long a stopped child may take to remove its environment. */
  private static final java.time.Duration CHILD_STOP = java.time.Duration.ofSeconds(10);

  private static final java.time.Duration RESEND_TERM = java.time.Duration.ofMillis(200);

  private DetachedDeploy() {}

  /**
   * Stops the child and checks what it left: however it ended (its shutdown hook, or a signal Go's
   * runtime took), a directory it did not remove is removed here, so the answer is never a guess.
   */
  private static String stopChild(Process child, Settings settings) {
    if (child.isAlive()) {
      try {
        // Repeated: a SIGTERM arriving during a Helm call is taken by Go's runtime and lost.
        long deadline = System.nanoTime() + CHILD_STOP.toNanos();
        while (child.isAlive() && System.nanoTime() < deadline) {
          child.destroy();
          child.waitFor(RESEND_TERM.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (child.isAlive()) {
          return "the background process "
              + child.pid()
              + " is still running; `fluxlab teardown"
              + nameOption(settings)
              + "` stops it";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    java.util.List<String> left =
        dev.fluxlab.ops.Teardown.run(settings.stateDir(), settings.envName());
    return "stopped the background process "
        + child.pid()
        + (left.isEmpty()
            ? "; nothing is left"
            : "; removed what it left: " + String.join(", ", left));
  }

  private static String nameOption(Settings settings) {
    return settings.envName().equals("fluxlab") ? "" : " --name " + settings.envName();
  }

  static int run(
      Settings settings,
      SettingsOptions settingsOptions,
      DeployOptions deployOptions,
      String backendId,
      PrintWriter out)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The same start-up-friendly JIT and GC settings as scripts/fluxlab, and its class-data archive
    // when this process maps one (never the option that writes one: that is the parent's job).
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    // The temporary directory this process was given, not the JVM's default.
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-XX:SharedArchiveFile=") || arg.startsWith("-Xlog:cds")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("serve");
    cmd.addAll(settingsOptions.asArguments());
    // The backend this process chose: auto is resolved (and reported) once.
    cmd.add("--set");
    cmd.add("backend=" + backendId);
    // The name always goes on the command line: teardown recognises the process by it.
    cmd.add("--name");
    cmd.add(settings.envName());
    cmd.addAll(deployOptions.asArguments());
    Process child =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    return relay(child, settings, out);
  }

  /** Relays the child's progress until it reports Ready (0) or ends (its exit code, explained). */
  static int relay(Process child, Settings settings, PrintWriter out)
      throws IOException, InterruptedException {
    // Ctrl-C reaches only this process (the child has its own session): stop the child too, which
    // removes what it started, and wait for that so the user knows nothing is left.
    try (InterruptCleanup guard =
            InterruptCleanup.install("deploy", out, () -> stopChild(child, settings));
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.equals(ServeCommand.READY)) {
          out.println(
              "background process "
                  + child.pid()
                  + " serves it; stop it with `fluxlab teardown"
                  + nameOption(settings)
                  + "`");
          out.flush();
          return ExitCodes.OK;
        }
        out.println(line);
        out.flush();
      }
    }
    int code = child.waitFor();
    if (code == ExitCodes.OK) {
      throw new FluxLabException(
          "the background fluxlab process ended before the environment was Ready");
    }
    if (code > SIGNAL_EXIT_BASE) {
      // Killed (kill -9, the OOM killer, ...): it could say nothing itself, so say it here.
      throw new FluxLabException(
          "the background fluxlab process "
              + child.pid()
              + " was killed by signal "
              + (code - SIGNAL_EXIT_BASE)
              + " before the environment was Ready; `fluxlab teardown"
              + nameOption(settings)
              + "` removes what it left");
    }
    return code;
  }
}
