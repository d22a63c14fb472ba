package dev.fluxlab.cli;

import dev.fluxlab.config.Settings;
import dev.fluxlab.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: which settings file, overrides, and the environment name. */
public final class SettingsOptions {
  // Every command has these options, so this is where `fluxlab <command> --help` comes from.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a setting of set-env.properties (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (default: ./set-env.properties when present).")
  Path config;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Environment name (setting env.name).")
  String name;

  /** The process environment, replaceable in tests. */
  Map<String, String> environment = System.getenv();

  Settings load() {
    return loadWith(List.of());
  }

  /** Loads with extra overrides applied last (e.g. a throwaway environment's name). */
  Settings loadWith(List<String> extra) {
    SettingsLoader loader = SettingsLoader.builtIn();
    if (config != null) {
      loader.withFile(config);
    } else if (Files.isRegularFile(Path.of("set-env.properties"))) {
      loader.withFile(Path.of("set-env.properties"));
    }
    loader.withEnvironment(environment).withOverrides(overrides);
    if (name != null) {
      loader.withOverride("env.name", name, "--name");
    }
    loader.withOverrides(extra);
    return loader.load();
  }

  /** The options except --name as arguments again, to hand them to a child process. */
  List<String> asArguments() {
    List<String> args = new ArrayList<>();
    if (config != null) {
      args.add("--config");
      args.add(config.toAbsolutePath().toString());
    }
    for (String o : overrides) {
      args.add("--set");
      args.add(o);
    }
    return args;
  }
}
