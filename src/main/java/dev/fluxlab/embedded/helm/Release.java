package dev.fluxlab.embedded.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Sha256;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One revision of a Helm release, with the fields of Helm's release record that {@code helm
 * list/history/get} and helm-controller read.
 *
 * @param namespace the namespace the release installs into
 * @param version the release revision (1, 2, …)
 * @param status deployed, superseded or failed
 */
record Release(
    String name,
    String namespace,
    int version,
    String chartName,
    String chartVersion,
    String appVersion,
    Map<String, Object> config,
    String manifest,
    String status,
    String firstDeployed,
    String lastDeployed,
    String description) {

  static final String DEPLOYED = "deployed";
  static final String SUPERSEDED = "superseded";
  static final String FAILED = "failed";

  private static final ObjectMapper JSON = new ObjectMapper();

  Release withStatus(String newStatus) {
    return new Release(
        name,
        namespace,
        version,
        chartName,
        chartVersion,
        appVersion,
        config,
        manifest,
        newStatus,
        firstDeployed,
        lastDeployed,
        description);
  }

  /** Helm's JSON form (field names as Helm's Go structs spell them). */
  String toJson() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", chartName);
    metadata.put("version", chartVersion);
    metadata.put("appVersion", appVersion);
    metadata.put("apiVersion", "v2");
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("first_deployed", firstDeployed);
    info.put("last_deployed", lastDeployed);
    info.put("deleted", "");
    info.put("description", description);
    info.put("status", status);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("info", info);
    r.put("chart", Map.of("metadata", metadata));
    r.put("config", config);
    r.put("manifest", manifest);
    r.put("version", version);
    r.put("namespace", namespace);
    try {
      return JSON.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("release " + name + " is not serialisable", e);
    }
  }

  static Release fromJson(String json) {
    Map<String, Object> r;
    try {
      r = JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Helm release record: " + e.getOriginalMessage(), e);
    }
    Object version = r.get("version");
    return new Release(
        Maps.string(r, "name"),
        Maps.string(r, "namespace"),
        version instanceof Number n ? n.intValue() : 0,
        Maps.string(r, "chart", "metadata", "name"),
        Maps.string(r, "chart", "metadata", "version"),
        Maps.stringOr(r, "", "chart", "metadata", "appVersion"),
        new LinkedHashMap<>(Maps.map(r, "config")),
        Maps.stringOr(r, "", "manifest"),
        Maps.string(r, "info", "status"),
        Maps.string(r, "info", "first_deployed"),
        Maps.string(r, "info", "last_deployed"),
        Maps.stringOr(r, "", "info", "description"));
  }

  /** {@code sha256:<hex>} of the release record, as helm-controller's history snapshots give it. */
  String digest() {
    return "sha256:" + Sha256.hex(toJson());
  }

  /** An entry of HelmRelease {@code status.history}. */
  Map<String, Object> snapshot() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("version", version);
    s.put("name", name);
    s.put("namespace", namespace);
    s.put("status", status);
    s.put("chartName", chartName);
    s.put("chartVersion", chartVersion);
    s.put("appVersion", appVersion);
    s.put("configDigest", ReleaseValues.digest(config));
    s.put("digest", digest());
    s.put("firstDeployed", firstDeployed);
    s.put("lastDeployed", lastDeployed);
    return s;
  }
}
