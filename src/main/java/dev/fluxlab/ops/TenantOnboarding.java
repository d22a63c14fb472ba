package dev.fluxlab.ops;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Layout;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.util.Yaml;
import dev.fluxlab.util.YamlPathEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code tenant add}: what {@code flux create tenant --export} plus the multi-tenancy guide's steps
 * do by hand. Gives the tenant a git identity of its own (it can push to the tenant's repository
 * only) and hands it to every cluster, seeds the tenant's repository from the fixture's tenant
 * template as that identity, writes the tenant's rbac/sync manifests into the platform repository,
 * lists them in every cluster's tenants overlay, pushes, and waits until the tenant's Kustomization
 * and podinfo are Ready everywhere.
 */
public final class TenantOnboarding {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?");
  private static final String TEMPLATE = Podinfo.FIRST_TENANT;

  private final Environment env;
  private final String startVersion;
  private final Duration timeout;

  public TenantOnboarding(Environment env, String startVersion, Duration timeout) {
    this.env = env;
    this.startVersion = startVersion;
    this.timeout = timeout;
  }

  public void add(String tenant, String namespace) {
    check(tenant, "tenant name");
    check(namespace, "--namespace");
    if (!Layout.MULTI_TENANCY.id().equals(env.info().layout())) {
      throw new InvalidInputException(
          "environment '"
              + env.name()
              + "' has layout "
              + env.info().layout()
              + "; tenants need layout=multi-tenancy");
    }
    try (GitWorkspace platform = env.checkout(SeedPlan.FLEET_REPOSITORY)) {
      if (platform.exists("tenants/base/" + tenant)) {
        throw new InvalidInputException(
            "tenant '" + tenant + "' exists already in the platform repository");
      }
      env.ensureRepository(tenant);
      Credentials identity = env.addGitIdentity(tenant, List.of(tenant));
      // Before the platform's push: the tenants Kustomization substitutes them into sync.yaml.
      for (String cluster : env.clusters()) {
        FluxBootstrap.addTenantGitCredentials(env.client(cluster), tenant, identity);
      }
      seedTenantRepository(tenant, namespace);
      platform.write(
          "tenants/base/" + tenant + "/kustomization.yaml", TenantManifests.kustomization());
      platform.write(
          "tenants/base/" + tenant + "/rbac.yaml", TenantManifests.rbac(tenant, namespace));
      platform.write(
          "tenants/base/" + tenant + "/sync.yaml", TenantManifests.sync(tenant, namespace));
      for (String cluster : env.clusters()) {
        String overlay = "tenants/" + cluster + "/kustomization.yaml";
        platform.write(overlay, withTenant(platform.read(overlay), tenant, cluster));
      }
      platform.commitAndPush("Onboard tenant " + tenant);
    }
    SourceFetch.request(env, SeedPlan.FLEET_REPOSITORY);
    for (String cluster : env.clusters()) {
      Waits.until(
          "tenant " + tenant + " to be Ready on " + cluster,
          timeout,
          () ->
              ready(cluster, FluxKind.KUSTOMIZATION, namespace, tenant)
                  && ready(cluster, FluxKind.HELM_RELEASE, namespace, Podinfo.NAME),
          () -> describe(cluster, namespace, tenant));
    }
  }

  private void seedTenantRepository(String tenant, String namespace) {
    Path template = Fixtures.get("multi-tenancy").resolve("tenants").resolve(TEMPLATE);
    Path dir = env.dir().resolve("tmp").resolve("tenant-" + tenant + "-" + System.nanoTime());
    try (GitWorkspace repo =
        GitWorkspace.init(env.repositoryUrl(tenant), env.credentialsFor(tenant), dir)) {
      repo.copyFrom(template);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(p -> !p.toString().contains("/.git/"))
                .toList()) {
          String rel = dir.relativize(f).toString();
          String text = repo.read(rel);
          // The template names its namespace and its service account after the template tenant.
          String adapted =
              text.replace("namespace: " + TEMPLATE, "namespace: " + namespace)
                  .replace("serviceAccountName: " + TEMPLATE, "serviceAccountName: " + tenant)
                  .replace(TEMPLATE, tenant);
          repo.write(rel, adapted);
        }
      } catch (java.io.IOException e) {
        throw new FluxLabException(
            "cannot prepare the repository of tenant " + tenant + ": " + e.getMessage(), e);
      }
      String release = "base/podinfo/release.yaml";
      repo.write(
          release, YamlPathEditor.set(repo.read(release), Podinfo.VERSION_PATH, startVersion));
      repo.commitAndPush("Seed tenant " + tenant);
    }
  }

  /** The cluster's tenants overlay with the tenant listed and its path set to the cluster's. */
  @SuppressWarnings("unchecked")
  static String withTenant(String overlay, String tenant, String cluster) {
    Map<String, Object> doc = new LinkedHashMap<>(Yaml.map(overlay));
    List<Object> resources =
        new ArrayList<>(doc.get("resources") instanceof List<?> l ? (List<Object>) l : List.of());
    resources.add("../base/" + tenant);
    doc.put("resources", resources);
    List<Object> patches =
        new ArrayList<>(doc.get("patches") instanceof List<?> l ? (List<Object>) l : List.of());
    patches.add(
        Map.of(
            "target",
            Map.of("kind", "Kustomization", "name", tenant),
            "patch",
            "- op: replace\n  path: /spec/path\n  value: ./" + cluster + "\n"));
    doc.put("patches", patches);
    return Yaml.write(doc);
  }

  private boolean ready(String cluster, FluxKind kind, String namespace, String name) {
    var obj = env.flux(cluster).get(kind, namespace, name);
    return obj != null && ObjectStatus.of(cluster, kind, obj).settled();
  }

  private String describe(String cluster, String namespace, String tenant) {
    var ks = env.flux(cluster).get(FluxKind.KUSTOMIZATION, namespace, tenant);
    return ks == null
        ? "no Kustomization " + namespace + "/" + tenant + " yet"
        : ObjectStatus.of(cluster, FluxKind.KUSTOMIZATION, ks).message();
  }

  private static void check(String value, String what) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new InvalidInputException(
          what + " '" + value + "' must be lower-case letters, digits and '-' (a namespace name)");
    }
  }
}
