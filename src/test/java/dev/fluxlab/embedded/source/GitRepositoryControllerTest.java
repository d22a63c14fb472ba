package dev.fluxlab.embedded.source;

import static dev.fluxlab.api.FluxKind.GIT_REPOSITORY;
import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * source-controller's GitRepository rules. One cluster for the class (it is the slow part); each
 * test uses its own repository and object names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitRepositoryControllerTest {
  private static final String NAMESPACE =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n";

  private FluxHarness flux;

  @BeforeAll
  void start(@TempDir Path tmp) {
    flux = new FluxHarness(tmp);
  }

  @AfterAll
  void stop() {
    flux.close();
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: demo\ndata:\n  k: v\n";
  }

  private void secret(String name, String username, String password) {
    flux.client()
        .secrets()
        .inNamespace(FluxHarness.NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToStringData("username", username)
                .addToStringData("password", password)
                .build())
        .createOr(s -> s.update());
  }

  /** A GitRepository with its own spec (ref, secret, ignore). */
  private void gitRepository(String name, String repo, Map<String, Object> extra) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("url", flux.repoUrl(repo));
    spec.put("ref", Map.of("branch", "main"));
    spec.putAll(extra);
    flux.create(GIT_REPOSITORY, name, spec);
  }

  private Map<String, Object> artifact(String name) {
    return Maps.map(flux.status(GIT_REPOSITORY, name), "artifact");
  }

  @Test
  void storesTheBranchHeadAsArtifactWithFluxsRevisionDigestAndPath() {
    String sha = flux.push("stores", Map.of("app/cm.yaml", configMap("a")));
    flux.gitRepository("stores", "stores");

    Condition ready = flux.awaitReady(GIT_REPOSITORY, "stores", "True", "Succeeded");

    assertThat(ready.message()).isEqualTo("stored artifact for revision 'main@sha1:" + sha + "'");
    assertThat(artifact("stores"))
        .containsEntry("revision", "main@sha1:" + sha)
        .containsEntry("path", "gitrepository/flux-system/stores/" + sha + ".tar.gz");
    assertThat(Maps.string(artifact("stores"), "digest")).matches("sha256:[0-9a-f]{64}");
    assertThat(Condition.read(flux.status(GIT_REPOSITORY, "stores"), "ArtifactInStorage"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("True", "Succeeded");
  }

  @Test
  void aNewPushIsPickedUpOnTheNextReconcile() {
    flux.push("moves", Map.of("app/cm.yaml", configMap("a")));
    flux.gitRepository("moves", "moves");
    flux.awaitReady(GIT_REPOSITORY, "moves", "True", "Succeeded");
    String firstDigest = Maps.string(artifact("moves"), "digest");

    String second = flux.push("moves", Map.of("app/cm2.yaml", configMap("b")));
    flux.reconcile(GIT_REPOSITORY, "moves");

    assertThat(artifact("moves")).containsEntry("revision", "main@sha1:" + second);
    assertThat(Maps.string(artifact("moves"), "digest")).isNotEqualTo(firstDigest);
    assertThat(flux.ready(GIT_REPOSITORY, "moves").message())
        .isEqualTo("stored artifact for revision 'main@sha1:" + second + "'");
  }

  @Test
  void aTagRefNamesTheTagAndTheTaggedCommit() {
    flux.push("tagged", Map.of("app/cm.yaml", configMap("a")));
    String tagged = flux.tag("tagged", "v1.2.3");
    flux.push("tagged", Map.of("app/cm2.yaml", configMap("b")));
    secret("tagged-auth", flux.credentials().username(), flux.credentials().password());
    gitRepository(
        "tagged",
        "tagged",
        Map.of("ref", Map.of("tag", "v1.2.3"), "secretRef", Map.of("name", "tagged-auth")));

    Condition ready = flux.awaitReady(GIT_REPOSITORY, "tagged", "True", "Succeeded");

    assertThat(ready.message())
        .isEqualTo("stored artifact for revision 'v1.2.3@sha1:" + tagged + "'");
    assertThat(artifact("tagged")).containsEntry("revision", "v1.2.3@sha1:" + tagged);
  }

  @Test
  void aMissingBranchFailsWithGitsMessage() {
    flux.push("branchless", Map.of("app/cm.yaml", configMap("a")));
    secret("branchless-auth", flux.credentials().username(), flux.credentials().password());
    gitRepository(
        "branchless",
        "branchless",
        Map.of("ref", Map.of("branch", "nope"), "secretRef", Map.of("name", "branchless-auth")));

    Condition ready = flux.awaitReady(GIT_REPOSITORY, "branchless", "False", "GitOperationFailed");

    assertThat(ready.message())
        .startsWith("failed to checkout and determine revision: unable to clone '")
        .contains("couldn't find remote ref \"refs/heads/nope\"");
    assertThat(artifact("branchless")).isEmpty();
  }

  @Test
  void aMissingTagFailsWithGitsMessage() {
    flux.push("tagless", Map.of("app/cm.yaml", configMap("a")));
    secret("tagless-auth", flux.credentials().username(), flux.credentials().password());
    gitRepository(
        "tagless",
        "tagless",
        Map.of("ref", Map.of("tag", "v9.9.9"), "secretRef", Map.of("name", "tagless-auth")));

    Condition ready = flux.awaitReady(GIT_REPOSITORY, "tagless", "False", "GitOperationFailed");

    assertThat(ready.message()).endsWith(": couldn't find remote ref \"refs/tags/v9.9.9\"");
  }

  @Test
  void wrongCredentialsFailWithAuthenticationRequired() {
    flux.push("locked", Map.of("app/cm.yaml", configMap("a")));
    secret("locked-auth", flux.credentials().username(), "not-the-password");
    gitRepository("locked", "locked", Map.of("secretRef", Map.of("name", "locked-auth")));

    Condition ready = flux.awaitReady(GIT_REPOSITORY, "locked", "False", "GitOperationFailed");

    assertThat(ready.message())
        .isEqualTo(
            "failed to checkout and determine revision: unable to clone '"
                + flux.repoUrl("locked")
                + "': authentication required");
  }

  @Test
  void fixingTheSecretMakesTheSourceReady() {
    String sha = flux.push("fixed", Map.of("app/cm.yaml", configMap("a")));
    secret("fixed-auth", flux.credentials().username(), "not-the-password");
    gitRepository("fixed", "fixed", Map.of("secretRef", Map.of("name", "fixed-auth")));
    flux.awaitReady(GIT_REPOSITORY, "fixed", "False", "GitOperationFailed");

    secret("fixed-auth", flux.credentials().username(), flux.credentials().password());
    flux.reconcile(GIT_REPOSITORY, "fixed");

    assertThat(flux.ready(GIT_REPOSITORY, "fixed"))
        .extracting(Condition::status, Condition::message)
        .containsExactly("True", "stored artifact for revision 'main@sha1:" + sha + "'");
    assertThat(Condition.read(flux.status(GIT_REPOSITORY, "fixed"), "FetchFailed")).isNull();
  }

  @Test
  void aMissingSecretFailsWithAuthenticationFailed() {
    flux.push("nosecret", Map.of("app/cm.yaml", configMap("a")));
    gitRepository("nosecret", "nosecret", Map.of("secretRef", Map.of("name", "absent")));

    Condition ready = flux.awaitReady(GIT_REPOSITORY, "nosecret", "False", "AuthenticationFailed");

    assertThat(ready.message())
        .isEqualTo("failed to get secret 'flux-system/absent': secrets \"absent\" not found");
  }

  @Test
  void sourceIgnoreFilesAndSpecIgnoreKeepManifestsOutOfTheCluster() {
    flux.push(
        "ignoring",
        Map.of(
            ".sourceignore", "# not for the cluster\napp/skip/\n",
            "app/.sourceignore", "draft.yaml\n",
            "app/ns.yaml", NAMESPACE,
            "app/kept.yaml", configMap("kept"),
            "app/skip/cm.yaml", configMap("in-ignored-dir"),
            "app/draft.yaml", configMap("draft"),
            "app/dev-local.yaml", configMap("local")));
    secret("ignoring-auth", flux.credentials().username(), flux.credentials().password());
    gitRepository(
        "ignoring",
        "ignoring",
        Map.of("secretRef", Map.of("name", "ignoring-auth"), "ignore", "*-local.yaml\n"));
    flux.kustomization("ignoring", "ignoring", "./app", Map.of());

    flux.awaitReady(KUSTOMIZATION, "ignoring", "True", "ReconciliationSucceeded");

    assertThat(flux.client().configMaps().inNamespace("demo").list().getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .contains("kept")
        .doesNotContain("in-ignored-dir", "draft", "local");
  }

  @Test
  void changingSpecIgnoreStoresANewArtifactForTheSameCommit() {
    flux.push(
        "reignore",
        Map.of(
            "app/ns.yaml",
            NAMESPACE,
            "app/one.yaml",
            configMap("one"),
            "app/two.yaml",
            configMap("two")));
    flux.gitRepository("reignore", "reignore");
    flux.kustomization("reignore", "reignore", "./app", Map.of());
    flux.awaitReady(KUSTOMIZATION, "reignore", "True", "ReconciliationSucceeded");
    String digest = Maps.string(artifact("reignore"), "digest");
    assertThat(flux.client().configMaps().inNamespace("demo").withName("two").get()).isNotNull();

    flux.client()
        .genericKubernetesResources(GIT_REPOSITORY.apiVersion(), GIT_REPOSITORY.kind())
        .inNamespace(FluxHarness.NS)
        .withName("reignore")
        .unlock()
        .edit(
            o -> {
              Map<String, Object> spec = new LinkedHashMap<>(Maps.spec(o));
              spec.put("ignore", "two.yaml\n");
              o.getAdditionalProperties().put("spec", spec);
              return o;
            });
    flux.reconcile(GIT_REPOSITORY, "reignore");
    flux.reconcile(KUSTOMIZATION, "reignore");

    assertThat(Maps.string(artifact("reignore"), "digest")).isNotEqualTo(digest);
    assertThat(flux.client().configMaps().inNamespace("demo").withName("one").get()).isNotNull();
    assertThat(flux.client().configMaps().inNamespace("demo").withName("two").get()).isNull();
  }
}
