package dev.fluxlab.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests a kube-apiserver has served, by verb and resource, read from its {@code /metrics}
 * ({@code apiserver_request_total}). Unlike wall time, the count does not depend on how busy the
 * machine is, so it shows what a change to the reconciler saves even on a noisy machine.
 */
public final class ApiRequests {
  private static final Pattern SAMPLE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private ApiRequests() {}

  /**
   * Counts so far keyed {@code VERB resource[/subresource][ dry-run]}; WATCH and the requests of
   * the metrics scrape itself are kept, as the server served them.
   */
  public static Map<String, Long> byVerbAndResource(KubernetesClient admin) {
    return parse(admin.raw("/metrics"));
  }

  static Map<String, Long> parse(String metrics) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String resource = labels.getOrDefault("resource", "");
      String sub = labels.getOrDefault("subresource", "");
      String key =
          labels.getOrDefault("verb", "?")
              + " "
              + (resource.isEmpty() ? "(non-resource)" : resource)
              + (sub.isEmpty() ? "" : "/" + sub)
              + (labels.getOrDefault("dry_run", "").isEmpty() ? "" : " dry-run");
      counts.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return counts;
  }

  /** {@code after - before}, per key, leaving out keys that did not grow. */
  public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - before.getOrDefault(k, 0L);
          if (d > 0) {
            delta.put(k, d);
          }
        });
    return delta;
  }

  public static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
