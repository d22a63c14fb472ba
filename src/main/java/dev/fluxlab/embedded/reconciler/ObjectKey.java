package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Identifies one Flux object a controller reconciles. */
public record ObjectKey(ApiResource type, String namespace, String name) {
  public static ObjectKey of(ApiResource type, HasMetadata obj) {
    return new ObjectKey(type, obj.getMetadata().getNamespace(), obj.getMetadata().getName());
  }

  @Override
  public String toString() {
    return type.kind() + "/" + namespace + "/" + name;
  }
}
