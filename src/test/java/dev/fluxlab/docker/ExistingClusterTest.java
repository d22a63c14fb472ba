package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.FluxBootstrap;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.util.Kubeconfig;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * cluster.provider=kubeconfig on a cluster fluxlab did not make (here: a control plane started by
 * the test itself, standing in for kind or a shared CI cluster): fluxlab installs Flux there, and
 * teardown removes exactly what it created, leaving the owner's objects; a cluster already
 * bootstrapped by someone else is refused untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingClusterTest {
  private static final String CONTEXT = "users-cluster";
  @TempDir static Path home;
  private static GenericContainer<?> usersCluster;
  private static Path kubeconfig;
  private static KubernetesClient owner;

  @TempDir Path state;

  @BeforeAll
  @SuppressWarnings("resource")
  static void startTheUsersCluster() throws Exception {
    Settings probe = DockerImages.kubeLocal(home, "probe", "one"); // skips without images
    String token = Credentials.generate("t").password();
    usersCluster =
        new GenericContainer<>(DockerImageName.parse(probe.docker().kubeImage()))
            .withExposedPorts(6443)
            .withLabels(Map.of("dev.fluxlab.test", "existing-cluster"))
            .withCopyToContainer(
                Transferable.of(token + ",admin,admin,system:masters\n", 0600),
                "/etc/fluxlab/tokens.csv")
            .waitingFor(
                Wait.forLogMessage(".*fluxlab-kube: ready.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    usersCluster.start();
    String yaml =
        Kubeconfig.withToken(
            CONTEXT, "https://localhost:" + usersCluster.getMappedPort(6443), token);
    kubeconfig = Files.writeString(home.resolve("kubeconfig"), yaml);
    owner = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
    owner
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
    owner
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("keep")
                .withNamespace("team-a")
                .endMetadata()
                .addToData("owner", "team-a")
                .build())
        .create();
  }

  @AfterAll
  static void stopIt() {
    if (owner != null) {
      owner.close();
    }
    if (usersCluster != null) {
      usersCluster.stop();
    }
  }

  private Settings settings(String env) {
    return DockerImages.kubeLocal(
        state,
        env,
        "mine",
        "cluster.provider=kubeconfig",
        "cluster.kubeconfig=" + kubeconfig,
        "cluster.context=" + CONTEXT);
  }

  @Test
  @Order(1)
  void installsFluxThereAndTeardownRemovesExactlyWhatFluxlabCreated() {
    Settings settings = settings("ext-" + ProcessHandle.current().pid());
    try (Environment env = new DockerBackend(new PodinfoCharts(), line -> {}).start(settings)) {
      KubernetesClient cluster = env.client("mine");
      assertThat(
              cluster
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("gitrepositories.source.toolkit.fluxcd.io")
                  .get()
                  .getMetadata()
                  .getLabels())
          .containsEntry(DockerLabels.ENV, settings.envName());
      assertThat(cluster.services().inNamespace("flux-system").withName("gitea").get()).isNotNull();
      FluxBootstrap.apply(
          cluster,
          env.info().gitUrlInCluster() + "/fluxlab/fleet.git",
          "clusters/mine",
          env.credentials(),
          Duration.ofMinutes(1),
          Map.of("fluxlab_env", settings.envName()),
          null,
          Map.of(),
          Map.of());
    }

    List<String> removed = Teardown.run(state, settings.envName());

    assertThat(removed)
        .contains(
            "1 Kustomization in existing cluster mine", "1 GitRepository in existing cluster mine");
    assertThat(owner.apiextensions().v1().customResourceDefinitions().list().getItems())
        .noneMatch(crd -> crd.getMetadata().getName().endsWith(".fluxcd.io"));
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> owner.namespaces().withName("flux-system").get() == null);
    assertThat(owner.configMaps().inNamespace("team-a").withName("keep").get()).isNotNull();
    assertThat(usersCluster.isRunning()).as("the user's cluster itself stays").isTrue();
    assertThat(Teardown.run(state, settings.envName())).as("second teardown").isEmpty();
  }

  @Test
  @Order(2)
  void aClusterBootstrappedBySomeoneElseIsRefusedAndLeftAlone() {
    Settings settings = settings("ext2-" + ProcessHandle.current().pid());
    // Someone else's Flux: the CRDs and their own flux-system GitRepository.
    var install =
        FluxInstall.read(owner, settings.docker().fluxManifests(), settings.docker().fluxVersion());
    install.apply(owner, o -> !o.getKind().equals("Deployment"));
    owner
        .genericKubernetesResources(
            FluxKind.GIT_REPOSITORY.apiVersion(), FluxKind.GIT_REPOSITORY.kind())
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(FluxKind.GIT_REPOSITORY.apiVersion())
                .withKind(FluxKind.GIT_REPOSITORY.kind())
                .withNewMetadata()
                .withName("flux-system")
                .withNamespace("flux-system")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec", Map.of("interval", "1m", "url", "https://example.invalid/their.git"))
                .build())
        .create();

    assertThatThrownBy(() -> new DockerBackend(new PodinfoCharts(), line -> {}).start(settings))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already has a GitRepository flux-system/flux-system")
        .hasMessageNotContaining("\n");

    assertThat(state.resolve(settings.envName())).doesNotExist();
    assertThat(DockerImages.containers(settings.envName())).isEmpty();
    assertThat(
            owner
                .genericKubernetesResources(
                    FluxKind.GIT_REPOSITORY.apiVersion(), FluxKind.GIT_REPOSITORY.kind())
                .inNamespace("flux-system")
                .withName("flux-system")
                .get())
        .as("their GitRepository is untouched")
        .isNotNull();
  }
}
