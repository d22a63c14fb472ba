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
  private DetachedDeploy() {}

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
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.equals(ServeCommand.READY)) {
          out.println(
              "background process "
                  + child.pid()
                  + " serves it; stop it with `fluxlab teardown"
                  + (settings.envName().equals("fluxlab") ? "" : " --name " + settings.envName())
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
    return code;
  }
}
