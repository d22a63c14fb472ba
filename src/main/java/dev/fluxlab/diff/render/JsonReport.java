package dev.fluxlab.diff.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fluxlab.diff.ClusterDiff;
import dev.fluxlab.diff.DiffReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The diff as JSON, for tools: every field change with before and after, Secrets masked. */
final class JsonReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static void print(DiffReport report, PrintWriter out) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("base", report.base());
    root.put("head", report.head());
    root.put("changes", report.hasChanges());
    root.put("failures", report.hasFailures());
    List<Object> clusters = new ArrayList<>();
    for (ClusterDiff c : report.clusters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cluster", c.cluster());
      m.put("summary", Summary.of(c));
      m.put("changes", c.hasChanges());
      m.put("atBase", c.atBase());
      m.put("atHead", c.atHead());
      m.put("dangers", c.dangers());
      m.put("fluxOutcomes", c.outcomes().stream().map(o -> outcome(o)).toList());
      m.put(
          "added",
          c.added().stream().map(a -> object(a.id(), a.owner(), "object", a.object())).toList());
      m.put(
          "changed",
          c.changed().stream()
              .map(ch -> object(ch.id(), ch.owner(), "fields", ch.fields()))
              .toList());
      m.put(
          "deleted",
          c.deleted().stream()
              .map(
                  d -> {
                    Map<String, Object> o = object(d.id(), d.owner(), "fate", d.fate().name());
                    o.put("why", d.why());
                    return o;
                  })
              .toList());
      clusters.add(m);
    }
    root.put("clusters", clusters);
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> object(
      dev.fluxlab.diff.ObjectId id, String owner, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", id.apiVersion());
    m.put("kind", id.kind());
    m.put("namespace", id.namespace());
    m.put("name", id.name());
    m.put("owner", owner);
    m.put(key, value);
    return m;
  }

  private static Map<String, Object> outcome(ClusterDiff.Outcome o) {
    Map<String, Object> m = object(o.id(), null, "readyAtBase", o.before());
    m.remove("owner");
    m.put("ready", o.ready());
    m.put("reason", o.reason());
    m.put("message", o.message());
    return m;
  }
}
