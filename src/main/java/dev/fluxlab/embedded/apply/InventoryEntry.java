package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * One applied object as Flux records it in {@code status.inventory.entries}: {@code id} is {@code
 * <namespace>_<name>_<group>_<kind>} and {@code v} the API version.
 */
public record InventoryEntry(
    String namespace, String name, String group, String kind, String version) {

  public static InventoryEntry of(ApiResource type, HasMetadata obj) {
    String ns = obj.getMetadata().getNamespace();
    return new InventoryEntry(
        type.namespaced() && ns != null ? ns : "",
        obj.getMetadata().getName(),
        type.group(),
        type.kind(),
        type.version());
  }

  /** Parses a status entry; null when it is not in Flux's format. */
  public static InventoryEntry parse(Object entry) {
    if (!(entry instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)) {
      return null;
    }
    String[] parts = id.split("_", -1);
    if (parts.length != 4) {
      return null;
    }
    Object v = m.get("v");
    return new InventoryEntry(
        parts[0], parts[1], parts[2], parts[3], v == null ? "" : v.toString());
  }

  public String id() {
    return namespace + "_" + name + "_" + group + "_" + kind;
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public Map<String, Object> toStatus() {
    return Map.of("id", id(), "v", version);
  }

  /** Same object, whatever the version. */
  public boolean sameObject(InventoryEntry other) {
    return id().equals(other.id());
  }

  /** As Flux prints objects in events: {@code Kind/namespace/name} or {@code Kind/name}. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
