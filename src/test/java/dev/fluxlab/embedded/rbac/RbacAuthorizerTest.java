package dev.fluxlab.embedded.rbac;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.embedded.apply.ForbiddenException;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kubernetes RBAC decisions for an impersonated service account, against the RBAC objects of an
 * embedded cluster. One cluster for the class; fresh namespaces (and so bindings) per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacAuthorizerTest {
  private EmbeddedCluster cluster;
  private KubernetesClient client;
  private ApiResource configMaps;
  private ApiResource secrets;
  private ApiResource namespaces;
  private ApiResource deployments;

  /** The tenant's namespace, where its service account lives, and another one. */
  private String tenant;

  private String other;
  private RbacAuthorizer authorizer;

  @BeforeAll
  void start() {
    cluster = new EmbeddedCluster("rbac-test").start();
    client = cluster.client();
    configMaps = type("v1", "ConfigMap");
    secrets = type("v1", "Secret");
    namespaces = type("v1", "Namespace");
    deployments = type("apps/v1", "Deployment");
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @BeforeEach
  void namespaces() {
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    tenant = "tenant-" + suffix;
    other = "other-" + suffix;
    namespace(tenant);
    namespace(other);
    authorizer = new RbacAuthorizer(client, tenant, "reconciler");
  }

  @Test
  void aRoleBindingToARoleAllowsItsRulesInItsNamespace() {
    role(tenant, "edit-configmaps", rule(List.of("patch"), List.of(""), List.of("configmaps")));
    roleBinding(tenant, "Role", "edit-configmaps", serviceAccount(null));

    assertThatCode(() -> authorizer.check("patch", configMaps, tenant, "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("delete", configMaps, tenant, "x"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "configmaps \"x\" is forbidden: User \"system:serviceaccount:"
                + tenant
                + ":reconciler\" cannot delete resource \"configmaps\" in API group \"\" in the"
                + " namespace \""
                + tenant
                + "\"");
    assertThatThrownBy(() -> authorizer.check("patch", secrets, tenant, "x"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aRoleBindingToAClusterRoleAllowsOnlyInTheBindingsNamespace() {
    clusterRole("cm-" + tenant, rule(List.of("patch"), List.of(""), List.of("configmaps")));
    roleBinding(tenant, "ClusterRole", "cm-" + tenant, serviceAccount(tenant));

    assertThatCode(() -> authorizer.check("patch", configMaps, tenant, "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("patch", configMaps, other, "x"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "configmaps \"x\" is forbidden: User \"system:serviceaccount:"
                + tenant
                + ":reconciler\" cannot patch resource \"configmaps\" in API group \"\" in the"
                + " namespace \""
                + other
                + "\"");
  }

  @Test
  void aClusterRoleBindingAllowsInEveryNamespaceAndAtTheClusterScope() {
    clusterRole(
        "ns-" + tenant, rule(List.of("patch"), List.of(""), List.of("configmaps", "namespaces")));
    clusterRoleBinding("ns-" + tenant, serviceAccount(tenant));

    assertThatCode(() -> authorizer.check("patch", configMaps, other, "x"))
        .doesNotThrowAnyException();
    assertThatCode(() -> authorizer.check("patch", namespaces, null, "anything"))
        .doesNotThrowAnyException();
  }

  @Test
  void aClusterScopedObjectIsForbiddenWithoutAClusterRoleBinding() {
    clusterRole("all-" + tenant, rule(List.of("*"), List.of("*"), List.of("*")));
    roleBinding(tenant, "ClusterRole", "all-" + tenant, serviceAccount(null));

    assertThatCode(() -> authorizer.check("patch", configMaps, tenant, "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("patch", namespaces, null, "new-ns"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "namespaces \"new-ns\" is forbidden: User \"system:serviceaccount:"
                + tenant
                + ":reconciler\" cannot patch resource \"namespaces\" in API group \"\" at the"
                + " cluster scope");
  }

  @Test
  void resourceNamesLimitARuleToTheNamedObjects() {
    PolicyRule named =
        new PolicyRuleBuilder(rule(List.of("patch"), List.of(""), List.of("configmaps")))
            .withResourceNames("allowed")
            .build();
    role(tenant, "named", named);
    roleBinding(tenant, "Role", "named", serviceAccount(tenant));

    assertThatCode(() -> authorizer.check("patch", configMaps, tenant, "allowed"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("patch", configMaps, tenant, "other"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void wildcardsMatchEveryVerbGroupAndResource() {
    role(tenant, "admin", rule(List.of("*"), List.of("*"), List.of("*")));
    roleBinding(tenant, "Role", "admin", serviceAccount(null));
    role(other, "any-verb", rule(List.of("*"), List.of(""), List.of("configmaps")));
    roleBinding(other, "Role", "any-verb", serviceAccount(tenant));

    assertThatCode(() -> authorizer.check("delete", deployments, tenant, "web"))
        .doesNotThrowAnyException();
    assertThatCode(() -> authorizer.check("delete", configMaps, other, "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("patch", deployments, other, "web"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "deployments.apps \"web\" is forbidden: User \"system:serviceaccount:"
                + tenant
                + ":reconciler\" cannot patch resource \"deployments\" in API group \"apps\" in the"
                + " namespace \""
                + other
                + "\"");
  }

  @Test
  void groupAndUserSubjectsNameServiceAccounts() {
    role(other, "cm", rule(List.of("patch"), List.of(""), List.of("configmaps")));
    roleBinding(other, "Role", "cm", subject("Group", "system:serviceaccounts:" + tenant));
    role(tenant, "secrets", rule(List.of("patch"), List.of(""), List.of("secrets")));
    roleBinding(
        tenant,
        "Role",
        "secrets",
        subject("User", "system:serviceaccount:" + tenant + ":reconciler"));
    role(tenant, "deploy", rule(List.of("patch"), List.of("apps"), List.of("deployments")));
    roleBinding(tenant, "Role", "deploy", subject("Group", "system:authenticated"));

    assertThatCode(() -> authorizer.check("patch", configMaps, other, "x"))
        .doesNotThrowAnyException();
    assertThatCode(() -> authorizer.check("patch", secrets, tenant, "x"))
        .doesNotThrowAnyException();
    assertThatCode(() -> authorizer.check("patch", deployments, tenant, "x"))
        .doesNotThrowAnyException();
    RbacAuthorizer stranger = new RbacAuthorizer(client, other, "reconciler");
    assertThatThrownBy(() -> stranger.check("patch", configMaps, other, "x"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aBindingOfAnotherServiceAccountGrantsNothing() {
    role(tenant, "admin", rule(List.of("*"), List.of("*"), List.of("*")));
    roleBinding(
        tenant,
        "Role",
        "admin",
        new SubjectBuilder().withKind("ServiceAccount").withName("someone-else").build());

    assertThatThrownBy(() -> authorizer.check("patch", configMaps, tenant, "x"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aRoleBindingToTheBuiltInClusterAdminRoleGivesFullRightsInItsNamespaceOnly() {
    roleBinding(tenant, "ClusterRole", "cluster-admin", serviceAccount(tenant));

    assertThatCode(() -> authorizer.check("delete", deployments, tenant, "web"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("patch", configMaps, other, "x"))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> authorizer.check("patch", namespaces, null, "new-ns"))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void anAggregatedClusterRoleGrantsTheRulesOfTheRolesItSelects() {
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("aggregate-" + tenant)
                .endMetadata()
                .withNewAggregationRule()
                .addNewClusterRoleSelector()
                .addToMatchLabels("aggregate-to", tenant)
                .endClusterRoleSelector()
                .endAggregationRule()
                .build())
        .create();
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("part-" + tenant)
                .addToLabels("aggregate-to", tenant)
                .endMetadata()
                .withRules(rule(List.of("patch"), List.of(""), List.of("configmaps")))
                .build())
        .create();
    roleBinding(tenant, "ClusterRole", "aggregate-" + tenant, serviceAccount(tenant));

    assertThatCode(() -> authorizer.check("patch", configMaps, tenant, "x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.check("patch", secrets, tenant, "x"))
        .isInstanceOf(ForbiddenException.class);
  }

  private ApiResource type(String apiVersion, String kind) {
    return cluster.catalog().find(apiVersion, kind).orElseThrow();
  }

  private void namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources) {
    return new PolicyRuleBuilder()
        .withVerbs(verbs)
        .withApiGroups(groups)
        .withResources(resources)
        .build();
  }

  /** The tenant's service account; a null namespace leaves it to the binding's. */
  private Subject serviceAccount(String namespace) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName("reconciler")
        .withNamespace(namespace)
        .build();
  }

  private static Subject subject(String kind, String name) {
    return new SubjectBuilder()
        .withKind(kind)
        .withApiGroup("rbac.authorization.k8s.io")
        .withName(name)
        .build();
  }

  private void role(String ns, String name, PolicyRule rule) {
    client
        .rbac()
        .roles()
        .inNamespace(ns)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withRules(rule)
                .build())
        .create();
  }

  private void clusterRole(String name, PolicyRule rule) {
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withRules(rule)
                .build())
        .create();
  }

  private void roleBinding(String ns, String roleKind, String roleName, Subject subject) {
    client
        .rbac()
        .roleBindings()
        .inNamespace(ns)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(roleName + "-" + subject.getName())
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", roleKind, roleName)
                .withSubjects(subject)
                .build())
        .create();
  }

  private void clusterRoleBinding(String roleName, Subject subject) {
    client
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(roleName)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", roleName)
                .withSubjects(subject)
                .build())
        .create();
  }
}
