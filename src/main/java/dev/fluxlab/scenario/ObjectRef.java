package dev.fluxlab.scenario;

import dev.fluxlab.api.FluxKind;
import java.util.Optional;

/**
 * An object a step reads or changes: Flux kinds need no apiVersion. With a label {@code selector}
 * instead of a name, it stands for every object of the kind (in the namespace) that matches.
 */
public record ObjectRef(
    String apiVersion, String kind, String namespace, String name, String selector) {
  public ObjectRef(String apiVersion, String kind, String namespace, String name) {
    this(apiVersion, kind, namespace, name, null);
  }

  public Optional<FluxKind> fluxKind() {
    return apiVersion == null || apiVersion.contains("toolkit.fluxcd.io")
        ? FluxKind.parse(kind).filter(k -> apiVersion == null || k.apiVersion().equals(apiVersion))
        : Optional.empty();
  }

  public String resolvedApiVersion() {
    return apiVersion != null ? apiVersion : fluxKind().map(FluxKind::apiVersion).orElse("v1");
  }

  public String resolvedKind() {
    return fluxKind().map(FluxKind::kind).orElse(kind);
  }

  @Override
  public String toString() {
    String ns = namespace == null ? "" : namespace + "/";
    return resolvedKind() + " " + (selector != null ? ns + "(" + selector + ")" : ns + name);
  }
}
