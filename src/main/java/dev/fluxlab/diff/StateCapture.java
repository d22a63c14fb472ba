package dev.fluxlab.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxObjects;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads what reconciliation left in one cluster: every Flux object, every object in a
 * Kustomization's inventory ({@code status.inventory.entries}) and every object of the deployed
 * revision of each HelmRelease (from Helm's release record, found through the HelmRelease's {@code
 * status.storageNamespace} and {@code status.history}). Only documented Flux and Helm formats are
 * read, so it works on any backend.
 */
final class StateCapture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Normalizer normalizer;

  StateCapture(KubernetesClient client, Normalizer normalizer) {
    this.client = client;
    this.normalizer = normalizer;
  }

  ClusterState capture(String cluster) {
    Map<String, LiveObject> objects = new LinkedHashMap<>();
    Map<String, ClusterState.FluxOutcome> outcomes = new LinkedHashMap<>();
    Map<ObjectId, String> owned = new LinkedHashMap<>();
    FluxObjects flux = new FluxObjects(client);
    List<GenericKubernetesResource> fluxObjects = new ArrayList<>();
    for (FluxKind kind : FluxKind.values()) {
      for (GenericKubernetesResource o : flux.list(kind)) {
        fluxObjects.add(o);
        ObjectId id = idOf(o);
        FluxState s = FluxState.of(o);
        outcomes.put(
            id.key(),
            new ClusterState.FluxOutcome(
                id, s.ready(), s.reason(), normalizer.text(s.message()), s.suspended()));
        String owner = id.kind() + "/" + id.namespace() + "/" + id.name();
        if (kind == FluxKind.KUSTOMIZATION) {
          inventory(o).forEach(entry -> owned.putIfAbsent(entry, owner));
        } else if (kind == FluxKind.HELM_RELEASE) {
          helmObjects(o).forEach(entry -> owned.putIfAbsent(entry, owner));
        }
      }
    }
    for (GenericKubernetesResource o : fluxObjects) {
      ObjectId id = idOf(o);
      objects.put(id.key(), new LiveObject(id, owned.get(id), normalizer.object(asMap(o))));
    }
    owned.forEach(
        (id, owner) -> {
          if (objects.containsKey(id.key())) {
            objects.put(
                id.key(), new LiveObject(id, owner, objects.get(id.key()).content())); // Flux kinds
            return;
          }
          GenericKubernetesResource live = get(id);
          if (live != null) {
            ObjectId actual = idOf(live);
            objects.put(
                actual.key(), new LiveObject(actual, owner, normalizer.object(asMap(live))));
          }
        });
    return new ClusterState(cluster, objects, outcomes);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource o) {
    return client.getKubernetesSerialization().convertValue(o, Map.class);
  }

  private static ObjectId idOf(GenericKubernetesResource o) {
    return new ObjectId(
        o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  /** The objects of Flux's inventory: {@code id} is {@code <namespace>_<name>_<group>_<kind>}. */
  private static List<ObjectId> inventory(GenericKubernetesResource ks) {
    List<ObjectId> ids = new ArrayList<>();
    Object entries = Maps.at(ks.getAdditionalProperties(), "status", "inventory", "entries");
    if (entries instanceof List<?> list) {
      for (Object e : list) {
        String id = Maps.string(e, "id");
        String v = Maps.string(e, "v");
        String[] parts = id == null ? new String[0] : id.split("_", -1);
        if (parts.length == 4 && v != null) {
          String apiVersion = parts[2].isEmpty() ? v : parts[2] + "/" + v;
          ids.add(new ObjectId(apiVersion, parts[3], parts[0], parts[1]));
        }
      }
    }
    return ids;
  }

  /** The objects of the HelmRelease's current Helm release, from Helm's storage Secret. */
  private List<ObjectId> helmObjects(GenericKubernetesResource hr) {
    Map<String, Object> status = Maps.map(hr.getAdditionalProperties().get("status"));
    if (!(status.get("history") instanceof List<?> history) || history.isEmpty()) {
      return List.of();
    }
    Object latest = history.get(0);
    String release = Maps.string(latest, "name");
    String releaseNamespace = Maps.string(latest, "namespace");
    Object version = Maps.at(latest, "version");
    String storage = Maps.string(status, "storageNamespace");
    if (release == null || version == null) {
      return List.of();
    }
    if (storage == null) {
      storage = hr.getMetadata().getNamespace();
    }
    Secret secret =
        client
            .secrets()
            .inNamespace(storage)
            .withName("sh.helm.release.v1." + release + ".v" + version)
            .get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey("release")) {
      return List.of();
    }
    List<ObjectId> ids = new ArrayList<>();
    for (Map<String, Object> doc : Yaml.documents(manifest(secret.getData().get("release")))) {
      String apiVersion = Maps.string(doc, "apiVersion");
      String kind = Maps.string(doc, "kind");
      String name = Maps.string(doc, "metadata", "name");
      if (apiVersion != null && kind != null && name != null) {
        String ns = Maps.string(doc, "metadata", "namespace");
        // Helm stores templates as rendered: a namespaced object without a namespace goes to the
        // release namespace; a cluster-scoped one ignores it when read.
        ids.add(new ObjectId(apiVersion, kind, ns == null ? releaseNamespace : ns, name));
      }
    }
    return ids;
  }

  /**
   * Helm's release record: the Secret value is base64 (once more than Kubernetes' own) of gzipped
   * JSON.
   */
  private static String manifest(String secretValue) {
    try {
      byte[] inner = Base64.getDecoder().decode(secretValue);
      byte[] record = Base64.getMimeDecoder().decode(inner);
      InputStream in = new ByteArrayInputStream(record);
      if (record.length > 2 && (record[0] & 0xff) == 0x1f && (record[1] & 0xff) == 0x8b) {
        in = new GZIPInputStream(in);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return String.valueOf(JSON.readTree(json).path("manifest").asText(""));
    } catch (IOException | IllegalArgumentException e) {
      return ""; // not a release record we can read: its objects are not compared
    }
  }

  private GenericKubernetesResource get(ObjectId id) {
    try {
      var resources = client.genericKubernetesResources(id.apiVersion(), id.kind());
      return id.namespace().isEmpty()
          ? resources.withName(id.name()).get()
          : resources.inNamespace(id.namespace()).withName(id.name()).get();
    } catch (KubernetesClientException e) {
      // 404, or 0 when the kind is no longer served (fabric8 finds no resource type for it).
      if (e.getCode() == 404 || e.getCode() == 0) {
        return null;
      }
      throw e;
    }
  }
}
