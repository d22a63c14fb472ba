package dev.fluxlab.embedded.source;

import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static dev.fluxlab.api.FluxKind.OCI_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.oci.OciRegistry;
import dev.fluxlab.embedded.oci.RegistryBinaryBuilt;
import dev.fluxlab.embedded.oci.RegistryFlux;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.oci.FluxArtifact;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.oci.RegistrySecrets;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * source-controller's OCIRepository rules against a real registry process (CNCF distribution),
 * artifacts pushed as {@code flux push artifact} pushes them, and a Kustomization applying one.
 * Skipped, naming the binary, where the registry is not built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RegistryBinaryBuilt.class)
class OCIRepositoryControllerTest {
  private Path tmp;
  private RegistryFlux running;
  private OciRegistry registry;
  private FluxHarness flux;

  @BeforeAll
  void start(@TempDir Path tmp) {
    this.tmp = tmp;
    running = RegistryFlux.start(tmp);
    registry = running.registry();
    flux = running.flux();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private String push(String repository, String tag, String value) {
    try {
      Path dir = tmp.resolve("src-" + UUID.randomUUID());
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("cm.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
              + repository
              + "\n  namespace: default\ndata:\n  value: \""
              + value
              + "\"\n");
      return FluxArtifact.push(
              OciClient.forRegistry(registry.access()),
              repository,
              tag,
              dir,
              "https://git.example/fleet",
              "main@sha1:" + value,
              Map.of(),
              tmp.resolve("push"))
          .digest();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void ociRepository(String name, String repository, Map<String, Object> extra) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("url", "oci://" + RegistryRoute.STABLE_HOST + "/" + repository);
    spec.put("ref", Map.of("tag", "v1"));
    spec.put("secretRef", Map.of("name", RegistrySecrets.AUTH));
    spec.put("certSecretRef", Map.of("name", RegistrySecrets.CA));
    spec.putAll(extra);
    flux.create(OCI_REPOSITORY, name, spec);
  }

  private String revision(String name) {
    return Maps.string(flux.status(OCI_REPOSITORY, name), "artifact", "revision");
  }

  private String configMapValue(String name) {
    var cm = flux.client().configMaps().inNamespace("default").withName(name).get();
    return cm == null ? null : cm.getData().get("value");
  }

  @Test
  void aPushedTagBecomesTheArtifactWithFluxsRevisionAndAKustomizationAppliesIt() {
    String digest = push("apps", "v1", "one");
    ociRepository("apps", "apps", Map.of());
    flux.kustomization(
        "apps", "apps", "./", Map.of("sourceRef", Map.of("kind", "OCIRepository", "name", "apps")));

    Condition ready = flux.awaitReady(OCI_REPOSITORY, "apps", "True", "Succeeded");
    flux.awaitReady(KUSTOMIZATION, "apps", "True", "ReconciliationSucceeded");

    assertThat(revision("apps")).isEqualTo("v1@" + digest);
    assertThat(ready.message()).isEqualTo("stored artifact for digest 'v1@" + digest + "'");
    assertThat(Maps.string(flux.status(OCI_REPOSITORY, "apps"), "artifact", "path"))
        .isEqualTo("ocirepository/flux-system/apps/" + digest + ".tar.gz");
    assertThat(Maps.string(flux.status(KUSTOMIZATION, "apps"), "lastAppliedRevision"))
        .isEqualTo("v1@" + digest);
    assertThat(configMapValue("apps")).isEqualTo("one");
  }

  @Test
  void aTagMovedToNewContentIsANewRevisionAndIsApplied() {
    String first = push("moving", "v1", "one");
    ociRepository("moving", "moving", Map.of());
    flux.kustomization(
        "moving",
        "moving",
        "./",
        Map.of("sourceRef", Map.of("kind", "OCIRepository", "name", "moving")));
    flux.awaitReady(KUSTOMIZATION, "moving", "True", "ReconciliationSucceeded");

    String second = push("moving", "v1", "two");
    flux.reconcile(OCI_REPOSITORY, "moving");
    flux.reconcile(KUSTOMIZATION, "moving");

    assertThat(second).isNotEqualTo(first);
    assertThat(revision("moving")).isEqualTo("v1@" + second);
    assertThat(configMapValue("moving")).isEqualTo("two");
  }

  @Test
  void aSemverRefFollowsTheHighestMatchingTag() {
    push("semver", "1.0.0", "a");
    String newest = push("semver", "1.2.0", "b");
    push("semver", "2.0.0", "c");
    ociRepository("semver", "semver", Map.of("ref", Map.of("semver", ">=1.0.0 <2.0.0")));

    flux.awaitReady(OCI_REPOSITORY, "semver", "True", "Succeeded");

    assertThat(revision("semver")).isEqualTo("1.2.0@" + newest);
  }

  @Test
  void aDigestRefIsTheRevisionAsItIs() {
    String digest = push("pinned", "v1", "a");
    ociRepository("pinned", "pinned", Map.of("ref", Map.of("digest", digest)));

    flux.awaitReady(OCI_REPOSITORY, "pinned", "True", "Succeeded");

    assertThat(revision("pinned")).isEqualTo(digest);
  }

  @Test
  void wrongCredentialsAreReadyFalseAndNothingIsStored() {
    push("locked", "v1", "a");
    RegistryAccess a = registry.access();
    RegistryAccess wrong =
        new RegistryAccess(
            a.host(), new Credentials(a.credentials().username(), "wrong"), a.caPem());
    flux.client()
        .secrets()
        .inNamespace(FluxHarness.NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("wrong-auth")
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToStringData(".dockerconfigjson", dockerConfig(wrong))
                .build())
        .create();
    ociRepository("locked", "locked", Map.of("secretRef", Map.of("name", "wrong-auth")));

    Condition ready = flux.awaitReady(OCI_REPOSITORY, "locked", "False", "OCIPullFailed");

    assertThat(ready.message())
        .startsWith("failed to determine artifact digest: ")
        .contains("UNAUTHORIZED")
        .doesNotContain(a.credentials().password());
    assertThat(flux.status(OCI_REPOSITORY, "locked")).doesNotContainKey("artifact");
  }

  @Test
  void aLayerSelectorForAMediaTypeTheArtifactLacksIsReadyFalse() {
    push("selector", "v1", "a");
    ociRepository(
        "selector",
        "selector",
        Map.of(
            "layerSelector",
            Map.of("mediaType", "application/vnd.cncf.helm.chart.content.v1.tar+gzip")));

    Condition ready =
        flux.awaitReady(OCI_REPOSITORY, "selector", "False", "OCILayerOperationFailed");

    assertThat(ready.message())
        .isEqualTo(
            "failed to find layer with media type"
                + " 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' in artifact");
  }

  private static String dockerConfig(RegistryAccess access) {
    String entry =
        "{\"username\":\""
            + access.credentials().username()
            + "\",\"password\":\""
            + access.credentials().password()
            + "\"}";
    return "{\"auths\":{\""
        + RegistryRoute.STABLE_HOST
        + "\":"
        + entry
        + ",\""
        + access.host()
        + "\":"
        + entry
        + "}}";
  }
}
