package dev.fluxlab.embedded.rbac;

import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;

import dev.fluxlab.embedded.FluxHarness;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant as {@code flux create tenant} sets one up: a namespace, a service account of the same
 * name, and a RoleBinding of that account to full rights in the namespace, and nowhere else.
 */
final class Tenant {
  private final FluxHarness flux;
  private final String namespace;

  Tenant(FluxHarness flux, String namespace) {
    this.flux = flux;
    this.namespace = namespace;
  }

  String namespace() {
    return namespace;
  }

  /** Creates the namespace, and binds {@code serviceAccount} to an admin Role in it. */
  Tenant create(String serviceAccount) {
    namespace(flux, namespace);
    flux.client()
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(serviceAccount)
                .endMetadata()
                .build())
        .create();
    flux.client()
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("admin")
                .endMetadata()
                .addNewRule()
                .withApiGroups("*")
                .withResources("*")
                .withVerbs("*")
                .endRule()
                .build())
        .create();
    flux.client()
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(serviceAccount + "-reconciler")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "admin")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(serviceAccount)
                .withNamespace(namespace)
                .endSubject()
                .build())
        .create();
    return this;
  }

  /** A Kustomization in the tenant's namespace of {@code path}, prune on, plus extras. */
  void kustomization(String name, String source, String path, Map<String, Object> extra) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("path", path);
    spec.put("prune", true);
    spec.put("sourceRef", Map.of("kind", "GitRepository", "name", source));
    spec.putAll(extra);
    flux.create(KUSTOMIZATION, namespace, name, spec);
  }

  static void namespace(FluxHarness flux, String name) {
    flux.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(n -> n.update());
  }

  static String configMap(String namespace, String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + namespace
        + "\ndata:\n  k: \""
        + value
        + "\"\n";
  }

  static String clusterNamespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }
}
