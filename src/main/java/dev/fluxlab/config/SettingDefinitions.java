package dev.fluxlab.config;

import dev.fluxlab.util.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The known setting keys, each with a parser that rejects bad values with a one-line reason. */
final class SettingDefinitions {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");
  private static final Pattern VERSION =
      Pattern.compile("v?\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.+-]+)?");

  private static final Pattern IMAGE =
      Pattern.compile(
          "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*"
              + "(:[\\w][\\w.-]{0,127})?(@sha256:[0-9a-f]{64})?");

  /** Parses one raw value; throws IllegalArgumentException with the allowed values. */
  interface Parser extends Function<String, Object> {}

  static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

  static {
    PARSERS.put("env.name", v -> dnsLabel(v));
    PARSERS.put("layout", v -> oneOf(v, Layout.values(), Layout::id));
    PARSERS.put("backend", v -> oneOf(v, BackendChoice.values(), BackendChoice::id));
    PARSERS.put("clusters", SettingDefinitions::clusterList);
    PARSERS.put("podinfo.version.start", SettingDefinitions::version);
    PARSERS.put("podinfo.version.next", SettingDefinitions::version);
    PARSERS.put("podinfo.chart.url", SettingDefinitions::optionalUrl);
    PARSERS.put("image.gitea", SettingDefinitions::imageReference);
    PARSERS.put("image.registry", SettingDefinitions::imageReference);
    PARSERS.put("image.k3s", SettingDefinitions::imageReference);
    PARSERS.put("image.kube", SettingDefinitions::imageReference);
    PARSERS.put("image.flux", SettingDefinitions::imageReference);
    PARSERS.put("image.node", SettingDefinitions::imageReference);
    PARSERS.put("images.archive", SettingDefinitions::optionalPath);
    PARSERS.put("flux.version", SettingDefinitions::version);
    PARSERS.put("flux.manifests", SettingDefinitions::optionalPath);
    PARSERS.put("cluster.provider", v -> oneOf(v, ClusterProvider.values(), ClusterProvider::id));
    PARSERS.put("cluster.kubeconfig", SettingDefinitions::optionalPath);
    PARSERS.put("cluster.context", v -> v);
    PARSERS.put("cluster.network", v -> v);
    PARSERS.put("reconcile.interval", SettingDefinitions::positiveDuration);
    PARSERS.put("timeout.ready", SettingDefinitions::positiveDuration);
    PARSERS.put("state.dir", SettingDefinitions::path);
    PARSERS.put("git.port", SettingDefinitions::port);
    PARSERS.put("git.owner", v -> dnsLabel(v));
    PARSERS.put("sops.age.keyfile", SettingDefinitions::optionalPath);
    PARSERS.put("embedded.etcd-template", SettingDefinitions::bool);
  }

  private SettingDefinitions() {}

  static String dnsLabel(String v) {
    if (!DNS_LABEL.matcher(v).matches()) {
      throw new IllegalArgumentException(
          "'"
              + v
              + "' must be 1-32 lower-case letters, digits or '-', starting and ending alphanumeric");
    }
    return v;
  }

  private static <E extends Enum<E>> E oneOf(String v, E[] values, Function<E, String> id) {
    return Arrays.stream(values)
        .filter(e -> id.apply(e).equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + v
                        + "' is not one of "
                        + Arrays.stream(values).map(id).collect(Collectors.joining(", "))));
  }

  private static List<String> clusterList(String v) {
    List<String> names = Arrays.stream(v.split(",")).map(String::trim).toList();
    if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("'" + v + "' must be a comma-separated list of names");
    }
    names.forEach(SettingDefinitions::dnsLabel);
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("'" + v + "' names a cluster twice");
    }
    return names;
  }

  private static String version(String v) {
    if (!VERSION.matcher(v).matches()) {
      throw new IllegalArgumentException("'" + v + "' is not a version like 1.2.3");
    }
    return v;
  }

  private static String optionalUrl(String v) {
    if (!v.isEmpty() && !v.matches("(https?|oci)://\\S+")) {
      throw new IllegalArgumentException(
          "'" + v + "' must be empty or an http(s):// or oci:// URL");
    }
    return v;
  }

  /** name[:tag][@digest], as docker accepts it (lower-case repository path). */
  private static String imageReference(String v) {
    if (!IMAGE.matcher(v).matches()) {
      throw new IllegalArgumentException(
          "'" + v + "' is not an image reference like name:tag or name@sha256:digest");
    }
    return v;
  }

  private static Boolean bool(String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + v + "' must be true or false");
    };
  }

  private static Path optionalPath(String v) {
    return v.isEmpty() ? null : path(v);
  }

  private static Duration positiveDuration(String v) {
    Duration d = GoDuration.parse(v);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("'" + v + "' must be a positive duration");
    }
    return d;
  }

  private static Path path(String v) {
    if (v.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    // "~" and "~/..." are the user's home; "~name" (another user's home) is left as it is.
    boolean home = v.equals("~") || v.startsWith("~/");
    String expanded = home ? System.getProperty("user.home") + v.substring(1) : v;
    return Path.of(expanded).toAbsolutePath().normalize();
  }

  private static Integer port(String v) {
    try {
      int p = Integer.parseInt(v);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the error below
    }
    throw new IllegalArgumentException("'" + v + "' is not a port number (0 picks a free port)");
  }
}
