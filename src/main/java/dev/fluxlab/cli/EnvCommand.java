package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the commands that work on an environment: settings options and output writers. */
abstract class EnvCommand implements Callable<Integer> {
  @Mixin SettingsOptions settingsOptions;

  @Spec CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints progress lines as they come (long operations report phase by phase). */
  java.util.function.Consumer<String> progress() {
    return line -> {
      out().println(line);
      out().flush();
    };
  }

  Settings settings() {
    return settingsOptions.load();
  }

  /** Attaches to the running environment named by the settings. */
  Environment attach(Settings settings) {
    return Environment.attach(settings.envDir());
  }
}
