package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.FluxKind;
import dev.fluxlab.util.Kubeconfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded API server as the real kubectl sees it: discovery, short names, categories, tables
 * and describe. One cluster for the class; every kubectl run gets a fresh discovery cache so that
 * what it prints comes from the server, not from an earlier run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlDiscoveryTest {
  private static final Duration KUBECTL_RUN = Duration.ofSeconds(30);
  private static final Duration CRD_DISCOVERY = Duration.ofSeconds(15);
  private static final String REPO = "podinfo-repo";

  private Path tmp;

  private EmbeddedCluster cluster;
  private Path kubeconfig;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  void start(@TempDir Path dir) {
    tmp = dir;
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl not on PATH");
    cluster = new EmbeddedCluster("kubectl-test").start();
    EmbeddedFlux.install(cluster);
    kubeconfig =
        Kubeconfig.writeInsecure(tmp.resolve("kube/config"), "fluxlab-test", cluster.apiUrl());
    FluxKind kind = FluxKind.GIT_REPOSITORY;
    cluster
        .client()
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(kind.apiVersion())
                .withKind(kind.kind())
                .withNewMetadata()
                .withName(REPO)
                .withNamespace(EmbeddedFlux.NAMESPACE)
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "interval", "1m",
                        "url", "http://127.0.0.1:1/fluxlab/podinfo.git",
                        "ref", Map.of("branch", "main")))
                .build())
        .create();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  private Run kubectl(String... args) throws IOException, InterruptedException {
    Path run = Files.createDirectories(tmp.resolve("run-" + UUID.randomUUID()));
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + run.resolve("cache"));
    command.add("--request-timeout=10s");
    command.addAll(List.of(args));
    Path out = run.resolve("out");
    Path err = run.resolve("err");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p = pb.start();
    if (!p.waitFor(KUBECTL_RUN.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Run succeeds(String... args) throws IOException, InterruptedException {
    Run r = kubectl(args);
    assertThat(r.exitCode())
        .as("kubectl %s exit code; stderr: %s", String.join(" ", args), r.err())
        .isZero();
    return r;
  }

  /** The first column of each row of a kubectl table, header left out. */
  private static List<String> firstColumn(String table) {
    return table.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
  }

  @Test
  void kubeconfigIsReadableByItsOwnerOnly() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
        .isEqualTo("rw-------");
  }

  @Test
  void getNamespacesListsTheNamespacesOfACluster() throws Exception {
    Run r = succeeds("get", "ns");

    assertThat(firstColumn(r.out())).contains("default", "kube-system", "flux-system");
  }

  @Test
  void getByShortNameListsTheGitRepository() throws Exception {
    Run r = succeeds("get", "gitrepo", "-A");

    assertThat(r.out().lines().skip(1))
        .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("flux-system", REPO));
  }

  @Test
  void getByFullyQualifiedNameShowsTheSpecAsYaml() throws Exception {
    Run r =
        succeeds(
            "get", "gitrepositories.source.toolkit.fluxcd.io", "-n", "flux-system", "-o", "yaml");

    assertThat(r.out())
        .contains("kind: GitRepository")
        .contains("name: " + REPO)
        .contains("url: http://127.0.0.1:1/fluxlab/podinfo.git")
        .contains("branch: main");
  }

  @Test
  void describeShowsTheGitRepository() throws Exception {
    Run r = succeeds("describe", "gitrepo", "-n", "flux-system", REPO);

    assertThat(r.out()).contains(REPO).contains("GitRepository");
  }

  @Test
  void getSeveralKindsAndGetAllListWorkloads() throws Exception {
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("web:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(d -> d.update());
    cluster
        .client()
        .services()
        .inNamespace("default")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "web")
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .createOr(s -> s.update());

    Run several = succeeds("get", "deploy,svc", "-A", "-o", "name");
    Run all = succeeds("get", "all", "-A", "-o", "name");

    assertThat(several.out().lines()).contains("deployment.apps/web", "service/web");
    assertThat(all.out().lines()).contains("deployment.apps/web", "service/web");
  }

  @Test
  void createOfABuiltInKindFailsAtOnceWithTheReason() throws Exception {
    // kubectl sends built-in kinds as protobuf, which the mock cannot read: fail, never hang.
    Run run = kubectl("create", "configmap", "hello", "-n", "default", "--from-literal=a=b");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("fluxlab's embedded API server accepts JSON only");
  }

  @Test
  void labelChangesALiveObject() throws Exception {
    assertThat(kubectl("label", "ns", "default", "team=x").exitCode()).isZero();
    assertThat(cluster.client().namespaces().withName("default").get().getMetadata().getLabels())
        .containsEntry("team", "x");
  }

  @Test
  void apiResourcesListsFluxKindsWithTheirShortNames() throws Exception {
    Run r = succeeds("api-resources");

    assertThat(r.out().lines())
        .anySatisfy(l -> assertThat(l.split("\\s+")).startsWith("helmreleases", "hr"))
        .anySatisfy(l -> assertThat(l.split("\\s+")).startsWith("gitrepositories", "gitrepo"))
        .anySatisfy(l -> assertThat(l.split("\\s+")).startsWith("kustomizations", "ks"));
  }

  @Test
  void aCrdCreatedLaterBecomesVisibleToKubectl() throws Exception {
    cluster
        .client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("gadgets.lab.fluxlab.test")
                .endMetadata()
                .withNewSpec()
                .withGroup("lab.fluxlab.test")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Gadget")
                .withListKind("GadgetList")
                .withPlural("gadgets")
                .withSingular("gadget")
                .withShortNames("gdg")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build())
        .create();

    await()
        .atMost(CRD_DISCOVERY)
        .untilAsserted(
            () ->
                assertThat(succeeds("api-resources", "--api-group=lab.fluxlab.test").out().lines())
                    .anySatisfy(l -> assertThat(l.split("\\s+")).startsWith("gadgets", "gdg")));
    cluster
        .client()
        .genericKubernetesResources("lab.fluxlab.test/v1", "Gadget")
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("lab.fluxlab.test/v1")
                .withKind("Gadget")
                .withNewMetadata()
                .withName("g1")
                .withNamespace("default")
                .endMetadata()
                .build())
        .create();
    assertThat(succeeds("get", "gdg", "-n", "default", "-o", "name").out().lines())
        .containsExactly("gadget.lab.fluxlab.test/g1");
  }
}
