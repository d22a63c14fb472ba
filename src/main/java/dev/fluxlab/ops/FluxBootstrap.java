package dev.fluxlab.ops;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxKind;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates in one cluster what {@code flux create secret git}, {@code flux create source git} and
 * {@code flux create kustomization} create: the {@code flux-system} Secret, GitRepository and
 * Kustomization, plus the {@code fluxlab-settings} ConfigMap the seed repositories substitute
 * environment-specific values from ({@code postBuild.substituteFrom}).
 */
public final class FluxBootstrap {
  public static final String NAMESPACE = "flux-system";
  public static final String NAME = "flux-system";
  public static final String SETTINGS_CONFIGMAP = "fluxlab-settings";

  /**
   * The age keys Kustomizations decrypt SOPS files with ({@code spec.decryption.secretRef}), named
   * as in Flux's SOPS guide.
   */
  public static final String SOPS_SECRET = "sops-age";

  /**
   * Each tenant's own git credentials as substitution variables ({@link #gitVariable}), for the
   * tenants' GitRepository Secrets. It never holds the platform's credentials: what a tenant's
   * Secret gets from here can push to the tenant's repositories only.
   */
  public static final String GIT_SECRET = "fluxlab-git";

  private FluxBootstrap() {}

  /**
   * @param repoUrl the repository URL as the cluster's source controller reaches it
   * @param path the cluster's directory in the repository
   * @param variables substitution variables for the seed manifests
   * @param serviceAccountName the identity the flux-system Kustomization applies as (needed under
   *     the multi-tenancy lockdown, where objects without one get a powerless default), or null
   * @param ageKeys the {@link #SOPS_SECRET} Secret's entries ({@code <name>.agekey} to age key file
   *     content)
   * @param tenants each tenant's own git credentials, by tenant
   */
  public static void apply(
      KubernetesClient client,
      String repoUrl,
      String path,
      Credentials credentials,
      Duration interval,
      Map<String, String> variables,
      String serviceAccountName,
      Map<String, String> ageKeys,
      Map<String, Credentials> tenants) {
    Map<String, String> labels = labels(variables);
    SecretBuilder sops =
        new SecretBuilder()
            .withNewMetadata()
            .withName(SOPS_SECRET)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata();
    ageKeys.forEach((name, key) -> sops.addToData(name, b64(key)));
    client.secrets().resource(sops.build()).createOr(s -> s.update());
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .addToData("username", b64(credentials.username()))
                .addToData("password", b64(credentials.password()))
                .build())
        .createOr(s -> s.update());
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(GIT_SECRET)
                .withNamespace(NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .withData(tenantGitData(tenants))
                .build())
        .createOr(s -> s.update());
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(SETTINGS_CONFIGMAP)
                .withNamespace(NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .withData(variables)
                .build())
        .createOr(c -> c.update());
    String every =
        interval.toSeconds() % 60 == 0 ? interval.toMinutes() + "m" : interval.toSeconds() + "s";
    Map<String, Object> gitSpec = new LinkedHashMap<>();
    gitSpec.put("interval", every);
    gitSpec.put("url", repoUrl);
    gitSpec.put("ref", Map.of("branch", "main"));
    gitSpec.put("secretRef", Map.of("name", NAME));
    create(client, FluxKind.GIT_REPOSITORY, gitSpec, labels);
    Map<String, Object> ksSpec = new LinkedHashMap<>();
    ksSpec.put("interval", every);
    ksSpec.put("path", "./" + path);
    ksSpec.put("prune", true);
    ksSpec.put("sourceRef", Map.of("kind", FluxKind.GIT_REPOSITORY.kind(), "name", NAME));
    if (serviceAccountName != null) {
      ksSpec.put("serviceAccountName", serviceAccountName);
    }
    create(client, FluxKind.KUSTOMIZATION, ksSpec, labels);
  }

  /**
   * Adds one tenant's git credentials to the {@link #GIT_SECRET} of a cluster, where the platform's
   * {@code tenants} Kustomization substitutes them into the tenant's Secret.
   */
  public static void addTenantGitCredentials(
      KubernetesClient client, String tenant, Credentials credentials) {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(GIT_SECRET)
        .edit(
            secret -> {
              Map<String, String> data =
                  new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
              data.putAll(tenantGitData(Map.of(tenant, credentials)));
              secret.setData(data);
              return secret;
            });
  }

  /**
   * The substitution variable that holds one of a tenant's git credentials, e.g. {@code
   * fluxlab_git_username_dev_team} (Flux variable names allow letters, digits and '_' only; tenant
   * names have no '_', so the mapping is one to one).
   *
   * @param field {@code username} or {@code password}
   */
  public static String gitVariable(String tenant, String field) {
    return "fluxlab_git_" + field + "_" + tenant.replace('-', '_');
  }

  private static Map<String, String> tenantGitData(Map<String, Credentials> tenants) {
    Map<String, String> data = new LinkedHashMap<>();
    tenants.forEach(
        (tenant, c) -> {
          data.put(gitVariable(tenant, "username"), b64(c.username()));
          data.put(gitVariable(tenant, "password"), b64(c.password()));
        });
    return data;
  }

  /**
   * The environment's label (from the {@code fluxlab_env} variable): in an existing cluster it is
   * how teardown tells fluxlab's objects from everybody else's.
   */
  private static Map<String, String> labels(Map<String, String> variables) {
    String env = variables.get("fluxlab_env");
    return env == null ? Map.of() : Map.of("dev.fluxlab.env", env);
  }

  private static void create(
      KubernetesClient client,
      FluxKind kind,
      Map<String, Object> spec,
      Map<String, String> labels) {
    GenericKubernetesResource obj =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(kind.apiVersion())
            .withKind(kind.kind())
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    client
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .resource(obj)
        .createOr(o -> o.update());
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
