package dev.fluxlab.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Layers the settings sources: built-in defaults (the bundled {@code set-env.properties}), a
 * settings file, environment variables {@code FLUXLAB_<KEY>}, then {@code --set key=value}. Every
 * layer is checked for unknown keys and bad values, and the error names the key and its source.
 */
public final class SettingsLoader {
  private static final String BUNDLED = "/fluxlab/set-env.properties";
  private static final String ENV_PREFIX = "FLUXLAB_";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();

  private SettingsLoader() {}

  /** A loader holding only the built-in defaults. */
  public static SettingsLoader builtIn() {
    SettingsLoader loader = new SettingsLoader();
    try (InputStream in = SettingsLoader.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("built-in settings " + BUNDLED + " missing from the jar");
      }
      Properties p = new Properties();
      p.load(in);
      loader.layer(p, "built-in defaults");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in settings", e);
    }
    return loader;
  }

  /** Adds a properties file; a missing file is an error because the user named it. */
  public SettingsLoader withFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new SettingsException("cannot read settings file " + file + ": " + e.getMessage());
    }
    return layer(p, file.toString());
  }

  /**
   * Adds {@code FLUXLAB_*} variables from the given environment; unrelated variables are ignored.
   */
  public SettingsLoader withEnvironment(Map<String, String> env) {
    Map<String, String> byVariable = new LinkedHashMap<>();
    for (String key : SettingDefinitions.PARSERS.keySet()) {
      byVariable.put(variableName(key), key);
    }
    env.forEach(
        (name, value) -> {
          if (!name.startsWith(ENV_PREFIX)) {
            return;
          }
          String key = byVariable.get(name);
          if (key == null) {
            // Other FLUXLAB_ variables (e.g. FLUXLAB_CACHE) belong to scripts, not to settings.
            return;
          }
          set(key, value, "environment variable " + name);
        });
    return this;
  }

  /** Adds {@code key=value} overrides as given to {@code --set}. */
  public SettingsLoader withOverrides(List<String> assignments) {
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new SettingsException("--set " + a + ": expected key=value");
      }
      set(a.substring(0, eq).trim(), a.substring(eq + 1).trim(), "--set");
    }
    return this;
  }

  /** Sets one key, naming where the value came from (e.g. {@code --name}) in any error. */
  public SettingsLoader withOverride(String key, String value, String source) {
    return set(key, value.trim(), source);
  }

  /**
   * The variable that overrides a key: {@code podinfo.version.next ->
   * FLUXLAB_PODINFO_VERSION_NEXT}.
   */
  public static String variableName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private SettingsLoader layer(Properties p, String source) {
    for (String key : p.stringPropertyNames()) {
      set(key, p.getProperty(key).trim(), source);
    }
    return this;
  }

  private SettingsLoader set(String key, String value, String source) {
    SettingDefinitions.Parser parser = SettingDefinitions.PARSERS.get(key);
    if (parser == null) {
      throw new SettingsException(
          "unknown setting '"
              + key
              + "' (from "
              + source
              + "); known settings: "
              + String.join(", ", SettingDefinitions.PARSERS.keySet()));
    }
    try {
      parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new SettingsException("setting '" + key + "' (from " + source + "): " + e.getMessage());
    }
    values.put(key, value);
    sources.put(key, source);
    return this;
  }

  private DockerSettings dockerSettings() {
    String fluxVersion = (String) parsed("flux.version");
    Path manifests = (Path) parsed("flux.manifests");
    if (manifests == null) {
      manifests = DockerSettings.defaultFluxManifests(fluxVersion);
    }
    ClusterProvider provider = (ClusterProvider) parsed("cluster.provider");
    Path kubeconfig = (Path) parsed("cluster.kubeconfig");
    if (provider == ClusterProvider.KUBECONFIG) {
      if (kubeconfig == null) {
        throw new SettingsException(
            "setting 'cluster.kubeconfig': required when cluster.provider is kubeconfig");
      }
      if (!java.nio.file.Files.isRegularFile(kubeconfig)) {
        throw new SettingsException(
            "setting 'cluster.kubeconfig' (from "
                + sources.get("cluster.kubeconfig")
                + "): "
                + kubeconfig
                + " is not a file");
      }
      @SuppressWarnings("unchecked")
      List<String> clusters = (List<String>) parsed("clusters");
      if (clusters.size() != 1) {
        throw new SettingsException(
            "setting 'clusters' (from "
                + sources.get("clusters")
                + "): cluster.provider kubeconfig uses one existing cluster; name exactly one");
      }
    }
    return new DockerSettings(
        (String) parsed("image.gitea"),
        (String) parsed("image.registry"),
        (String) parsed("image.k3s"),
        (String) parsed("image.kube"),
        (String) parsed("image.flux"),
        (String) parsed("image.node"),
        fluxVersion,
        manifests,
        provider,
        kubeconfig,
        (String) parsed("cluster.context"),
        (String) parsed("cluster.network"),
        (Path) parsed("images.archive"));
  }

  /** Builds the settings; checks the rules that span keys. */
  @SuppressWarnings("unchecked")
  public Settings load() {
    Settings s =
        new Settings(
            (String) parsed("env.name"),
            (Layout) parsed("layout"),
            (BackendChoice) parsed("backend"),
            (List<String>) parsed("clusters"),
            (String) parsed("podinfo.version.start"),
            (String) parsed("podinfo.version.next"),
            (String) parsed("podinfo.chart.url"),
            dockerSettings(),
            (Duration) parsed("reconcile.interval"),
            (Duration) parsed("timeout.ready"),
            (Path) parsed("state.dir"),
            (Integer) parsed("git.port"),
            (String) parsed("git.owner"),
            (Path) parsed("sops.age.keyfile"),
            (Boolean) parsed("embedded.etcd-template"));
    checkStateDir(s.stateDir());
    checkAgeKeyFile(s.sopsAgeKeyFile());
    if (s.podinfoStartVersion().equals(s.podinfoNextVersion())) {
      throw new SettingsException(
          "setting 'podinfo.version.next' (from "
              + sources.get("podinfo.version.next")
              + "): must differ from podinfo.version.start ("
              + s.podinfoStartVersion()
              + ")");
    }
    return s;
  }

  /**
   * The state directory must be (or become) a directory: its first existing ancestor must be a
   * writable directory, so {@code /etc/passwd} or {@code /proc/x} is refused here, in one line.
   */
  /** The user's age key file must be one: readable, with at least one age identity. */
  private void checkAgeKeyFile(Path file) {
    if (file == null) {
      return;
    }
    String problem;
    try {
      problem =
          Files.readAllLines(file).stream()
                  .map(String::strip)
                  .anyMatch(l -> l.startsWith("AGE-SECRET-KEY-1"))
              ? null
              : "has no age identity (a line AGE-SECRET-KEY-1...)";
    } catch (IOException e) {
      problem = "cannot be read (" + e.getClass().getSimpleName() + ")";
    }
    if (problem != null) {
      throw new SettingsException(
          "setting 'sops.age.keyfile' (from "
              + sources.get("sops.age.keyfile")
              + "): "
              + file
              + " "
              + problem);
    }
  }

  private void checkStateDir(Path stateDir) {
    Path existing = stateDir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    String problem = null;
    if (existing == null) {
      problem = "no part of it exists";
    } else if (!Files.isDirectory(existing)) {
      problem =
          (existing.equals(stateDir.toAbsolutePath()) ? "it" : existing) + " is not a directory";
    } else if (!Files.isWritable(existing)) {
      problem = existing + " is not writable";
    }
    if (problem != null) {
      throw new SettingsException(
          "setting 'state.dir' (from "
              + sources.get("state.dir")
              + "): "
              + stateDir
              + " cannot hold environments: "
              + problem);
    }
  }

  private Object parsed(String key) {
    String raw = values.get(key);
    if (raw == null) {
      throw new SettingsException("setting '" + key + "' has no value");
    }
    return SettingDefinitions.PARSERS.get(key).apply(raw);
  }
}
