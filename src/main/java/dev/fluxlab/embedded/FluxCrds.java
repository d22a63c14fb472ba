package dev.fluxlab.embedded;

import dev.fluxlab.api.FluxKind;
import dev.fluxlab.util.Sha256;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fluxlab's own minimal registrations of the Flux kinds the embedded backend reconciles: names,
 * scope, status subresource and printer columns like Flux's, with an open schema. (Flux's CRDs
 * validate fields; here the reconcilers report bad fields in the Ready condition instead.)
 */
public final class FluxCrds {
  public static final ApiResource GIT_REPOSITORY = flux(FluxKind.GIT_REPOSITORY);
  public static final ApiResource HELM_REPOSITORY = flux(FluxKind.HELM_REPOSITORY);
  public static final ApiResource OCI_REPOSITORY = flux(FluxKind.OCI_REPOSITORY);

  /** Registered so manifests may contain it; fluxlab does not reconcile HelmCharts. */
  public static final ApiResource HELM_CHART =
      flux(FluxKind.GIT_REPOSITORY.group(), "v1", "HelmChart", "helmcharts", "hc");

  public static final ApiResource KUSTOMIZATION = flux(FluxKind.KUSTOMIZATION);
  public static final ApiResource HELM_RELEASE = flux(FluxKind.HELM_RELEASE);

  private static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

  private static final Duration CRD_ESTABLISHED = Duration.ofSeconds(30);

  private FluxCrds() {}

  public static List<ApiResource> all() {
    return List.of(
        GIT_REPOSITORY, HELM_REPOSITORY, OCI_REPOSITORY, HELM_CHART, KUSTOMIZATION, HELM_RELEASE);
  }

  private static ApiResource flux(FluxKind k) {
    return flux(k.group(), k.version(), k.kind(), k.plural(), k.shortName());
  }

  private static ApiResource flux(
      String group, String version, String kind, String plural, String shortName) {
    return new ApiResource(group, version, kind, plural, true, List.of(shortName), List.of("flux"));
  }

  /**
   * What {@code flux install} registers that the embedded backend registers too, read once from
   * Flux's install manifests: the CRDs, with Flux's schemas (so the API server validates Flux
   * objects as on a real cluster and {@code kubectl explain} works), and the ClusterRoles that give
   * Flux's kinds to the built-in {@code admin}, {@code edit} and {@code view} roles by aggregation
   * labels (so a tenant bound to {@code admin} in its namespace manages its Flux objects there).
   * Where the file does not exist: fluxlab's open-schema registrations of the kinds it reconciles
   * and its equivalents of Flux's {@code flux-edit}/{@code flux-view} roles.
   */
  public record Registrations(
      List<CustomResourceDefinition> definitions, List<ClusterRole> aggregatedRoles) {}

  /**
   * The registrations of {@code installManifests} (see {@link Registrations}). The file is parsed
   * once per version of it in this JVM (parsing Flux's few megabytes of YAML costs more than
   * registering them), and every caller gets copies of its own.
   */
  public static Registrations registrations(KubernetesClient client, Path installManifests) {
    if (installManifests == null || !Files.isRegularFile(installManifests)) {
      return new Registrations(
          all().stream().map(FluxCrds::definition).toList(), defaultAggregatedRoles());
    }
    Registrations parsed = ParsedManifests.of(client, installManifests);
    var serialization = client.getKubernetesSerialization();
    return new Registrations(
        parsed.definitions().stream().map(serialization::clone).toList(),
        parsed.aggregatedRoles().stream().map(serialization::clone).toList());
  }

  /**
   * A digest of what {@link #registrations} returns for {@code installManifests}, without parsing
   * them (an etcd template's key): the file's bytes, or fluxlab's own registrations.
   */
  public static String registrationsDigest(Path installManifests) {
    if (installManifests == null || !Files.isRegularFile(installManifests)) {
      var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
      StringBuilder all = new StringBuilder("fluxlab-registrations\n");
      all().forEach(r -> all.append(json.asJson(definition(r))).append('\n'));
      defaultAggregatedRoles().forEach(r -> all.append(json.asJson(r)).append('\n'));
      return Sha256.hex(all.toString());
    }
    return "install-manifests " + Sha256.hex(installManifests);
  }

  /** The last install manifests parsed, by path and file version. */
  private static final class ParsedManifests {
    private record Key(Path path, FileTime modified, long size) {}

    private static Key lastKey;
    private static Registrations last;

    private ParsedManifests() {}

    static synchronized Registrations of(KubernetesClient client, Path installManifests) {
      try {
        Path path = installManifests.toAbsolutePath().normalize();
        Key key = new Key(path, Files.getLastModifiedTime(path), Files.size(path));
        if (!key.equals(lastKey)) {
          last = parse(client, path);
          lastKey = key;
        }
        return last;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + installManifests, e);
      }
    }

    private static Registrations parse(KubernetesClient client, Path installManifests)
        throws IOException {
      try (InputStream in = Files.newInputStream(installManifests)) {
        List<HasMetadata> items = client.load(in).items();
        return new Registrations(
            items.stream()
                .filter(CustomResourceDefinition.class::isInstance)
                .map(CustomResourceDefinition.class::cast)
                .toList(),
            items.stream()
                .filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast)
                .filter(
                    r ->
                        r.getMetadata().getLabels() != null
                            && r.getMetadata().getLabels().keySet().stream()
                                .anyMatch(l -> l.startsWith(AGGREGATE_TO)))
                .toList());
      }
    }
  }

  private static List<ClusterRole> defaultAggregatedRoles() {
    List<String> groups = all().stream().map(ApiResource::group).distinct().sorted().toList();
    return List.of(
        aggregated(
            "flux-edit-flux-system",
            groups,
            List.of("admin", "edit"),
            List.of("create", "delete", "deletecollection", "patch", "update")),
        aggregated(
            "flux-view-flux-system",
            groups,
            List.of("admin", "edit", "view"),
            List.of("get", "list", "watch")));
  }

  private static ClusterRole aggregated(
      String name, List<String> groups, List<String> into, List<String> verbs) {
    ClusterRoleBuilder b =
        new ClusterRoleBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("app.kubernetes.io/part-of", "flux")
            .endMetadata()
            .addNewRule()
            .withApiGroups(groups)
            .withResources("*")
            .withVerbs(verbs)
            .endRule();
    into.forEach(role -> b.editMetadata().addToLabels(AGGREGATE_TO + role, "true").endMetadata());
    return b.build();
  }

  /** Waits (at most 30 s) until the API server serves the CRD named {@code name}. */
  public static void awaitEstablished(KubernetesClient client, String name) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(name)
        .waitUntilCondition(
            FluxCrds::isEstablished, CRD_ESTABLISHED.toMillis(), TimeUnit.MILLISECONDS);
  }

  public static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The CustomResourceDefinition object registering {@code r}. */
  public static CustomResourceDefinition definition(ApiResource r) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(r.plural() + "." + r.group())
        .addToLabels("app.kubernetes.io/part-of", "flux")
        .endMetadata()
        .withNewSpec()
        .withGroup(r.group())
        .withScope(r.namespaced() ? "Namespaced" : "Cluster")
        .withNewNames()
        .withKind(r.kind())
        .withListKind(r.kind() + "List")
        .withPlural(r.plural())
        .withSingular(r.singular())
        .withShortNames(r.shortNames())
        .withCategories(r.categories())
        .endNames()
        .addNewVersion()
        .withName(r.version())
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .addNewAdditionalPrinterColumn()
        .withName("Ready")
        .withType("string")
        .withJsonPath(".status.conditions[?(@.type==\"Ready\")].status")
        .endAdditionalPrinterColumn()
        .addNewAdditionalPrinterColumn()
        .withName("Status")
        .withType("string")
        .withJsonPath(".status.conditions[?(@.type==\"Ready\")].message")
        .endAdditionalPrinterColumn()
        .endVersion()
        .endSpec()
        .build();
  }

  /** Reads the resource type a CRD object defines (its storage version). */
  public static ApiResource fromDefinition(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    var version =
        spec.getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getStorage()))
            .findFirst()
            .orElse(spec.getVersions().get(0));
    var names = spec.getNames();
    return new ApiResource(
        spec.getGroup(),
        version.getName(),
        names.getKind(),
        names.getPlural(),
        !"Cluster".equals(spec.getScope()),
        names.getShortNames() == null ? List.of() : names.getShortNames(),
        names.getCategories() == null ? List.of() : names.getCategories());
  }
}
