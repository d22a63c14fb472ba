package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.ops.ObjectStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads an object on one cluster and judges an {@link Expectation} against it. */
final class ObjectProbe {
  private final Environment env;

  ObjectProbe(Environment env) {
    this.env = env;
  }

  GenericKubernetesResource get(String cluster, ObjectRef ref) {
    return resource(cluster, ref).get();
  }

  /** The object on a cluster, namespaced or cluster-scoped as the reference says. */
  Resource<GenericKubernetesResource> resource(String cluster, ObjectRef ref) {
    var op =
        env.client(cluster)
            .genericKubernetesResources(ref.resolvedApiVersion(), ref.resolvedKind());
    return ref.namespace() == null
        ? op.withName(ref.name())
        : op.inNamespace(ref.namespace()).withName(ref.name());
  }

  /** The objects a selector finds (a named reference: the object, or none). */
  List<GenericKubernetesResource> find(String cluster, ObjectRef ref) {
    if (ref.selector() == null) {
      GenericKubernetesResource obj = get(cluster, ref);
      return obj == null ? List.of() : List.of(obj);
    }
    var op =
        env.client(cluster)
            .genericKubernetesResources(ref.resolvedApiVersion(), ref.resolvedKind());
    var scoped = ref.namespace() == null ? op : op.inNamespace(ref.namespace());
    return scoped.withLabelSelector(ref.selector()).list().getItems();
  }

  /**
   * Null when the expectation holds (for a selector: at least one object matches it and every one
   * holds); otherwise what was seen instead.
   */
  String mismatch(String cluster, ObjectRef ref, Expectation exp) {
    if (ref.selector() == null) {
      return judge(cluster, ref, get(cluster, ref), exp);
    }
    List<GenericKubernetesResource> found = find(cluster, ref);
    if (exp.absent()) {
      return found.isEmpty() ? null : names(found) + " still exist";
    }
    if (found.isEmpty()) {
      return "no object matches the selector";
    }
    for (GenericKubernetesResource obj : found) {
      String wrong = judge(cluster, ref, obj, exp);
      if (wrong != null) {
        return obj.getMetadata().getName() + ": " + wrong;
      }
    }
    return null;
  }

  /** For {@code error}: null when no target object is in the expected state; else which one is. */
  String unwanted(String cluster, ObjectRef ref, Expectation exp) {
    List<GenericKubernetesResource> found = find(cluster, ref);
    if (found.isEmpty()) {
      return judge(cluster, ref, null, exp) == null ? ref + " does not exist" : null;
    }
    for (GenericKubernetesResource obj : found) {
      if (judge(cluster, ref, obj, exp) == null) {
        return obj.getMetadata().getName() + " is " + exp.describe();
      }
    }
    return null;
  }

  private static String names(List<GenericKubernetesResource> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList().toString();
  }

  /** Null when the object (null: absent) meets the expectation; otherwise what was seen. */
  @SuppressWarnings("unchecked")
  private String judge(
      String cluster, ObjectRef ref, GenericKubernetesResource obj, Expectation exp) {
    if (exp.absent()) {
      return obj == null ? null : "it still exists";
    }
    if (obj == null) {
      return "it does not exist";
    }
    List<String> wrong = new ArrayList<>();
    ObjectStatus status =
        ObjectStatus.of(cluster, ref.fluxKind().orElse(FluxKind.KUSTOMIZATION), obj);
    if (exp.ready() != null) {
      boolean ok = exp.ready() ? status.settled() : "False".equals(status.ready());
      if (!ok) {
        wrong.add(
            "Ready="
                + status.ready()
                + (status.isReady() && !status.settled()
                    ? " (not yet for the latest generation/request)"
                    : ""));
      }
    }
    if (exp.reason() != null && !exp.reason().equals(status.reason())) {
      wrong.add("reason " + status.reason());
    }
    if (exp.messageContains() != null && !status.message().contains(exp.messageContains())) {
      wrong.add("message '" + status.message() + "'");
    }
    if (exp.revision() != null && !exp.revision().equals(status.revision())) {
      wrong.add("revision '" + status.revision() + "'");
    }
    if (exp.revisionContains() != null && !status.revision().contains(exp.revisionContains())) {
      wrong.add("revision '" + status.revision() + "'");
    }
    Map<String, Object> asMap =
        env.client(cluster).getKubernetesSerialization().convertValue(obj, Map.class);
    if (exp.object() != null) {
      String difference = PartialMatch.difference(exp.object(), asMap);
      if (difference != null) {
        wrong.add(difference);
      }
    }
    if (exp.expr() != null) {
      String failed = exp.expr().mismatch(asMap);
      if (failed != null) {
        wrong.add(failed);
      }
    }
    if (exp.field() != null) {
      Object value = FieldPath.read(asMap, exp.field());
      String text = value == null ? null : String.valueOf(value);
      if (exp.equalsValue() != null && !Objects.equals(String.valueOf(exp.equalsValue()), text)) {
        wrong.add(exp.field() + " = " + text);
      }
      if (exp.contains() != null && (text == null || !text.contains(exp.contains()))) {
        wrong.add(exp.field() + " = " + text);
      }
    }
    if (wrong.isEmpty()) {
      return null;
    }
    if (ref.fluxKind().isPresent() && !wrong.get(0).startsWith("message")) {
      wrong.add("Flux message '" + status.message() + "'");
    }
    return String.join(", ", wrong);
  }
}
