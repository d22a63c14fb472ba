package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.config.DockerSettings;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.kube.EtcdTemplate;
import dev.fluxlab.embedded.kube.EtcdTemplates;
import dev.fluxlab.embedded.kube.KubeBinaries;
import dev.fluxlab.embedded.kube.ProcessSweep;
import dev.fluxlab.util.Files2;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster started from an etcd template serves Flux's CRDs without registering them, and is a
 * cluster of its own: its own CA where clients and aggregated servers read it, its own data. A
 * template etcd refuses, or one that lacks a CRD it lists, costs the optimisation, never the start.
 */
class EtcdTemplateTest {
  private static final Path MANIFESTS =
      DockerSettings.defaultFluxManifests(Settings.defaults().docker().fluxVersion());
  private static final Duration PUBLISHED = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  private static EtcdTemplates templates;
  private static EtcdTemplate template;
  private static final List<String> buildProgress = new ArrayList<>();

  @BeforeAll
  static void buildTemplate() {
    templates = new EtcdTemplates(tmp.resolve("templates"));
    template = EmbeddedFlux.etcdTemplate(templates, MANIFESTS, buildProgress::add).orElseThrow();
  }

  @Test
  void isBuiltOnceSayingSoAndLeavesNoBuilderRunning() {
    assertThat(buildProgress)
        .singleElement()
        .asString()
        .startsWith("building the etcd template for ")
        .contains("(once per machine");
    List<String> again = new ArrayList<>();

    assertThat(EmbeddedFlux.etcdTemplate(templates, MANIFESTS, again::add)).contains(template);
    assertThat(again).isEmpty();
    assertThat(template.crdNames()).contains("kustomizations.kustomize.toolkit.fluxcd.io");
    assertThat(ProcessSweep.find(tmp.resolve("templates"))).isEmpty();
  }

  @Test
  void templatedClustersServeFluxCrdsWithTheirOwnCaAndTheirOwnData() throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    CompletableFuture<EmbeddedCluster> startingB = startAsync("b", dirB, template);
    try (EmbeddedCluster a = start("a", dirA, template);
        EmbeddedCluster b = startingB.join()) {
      for (EmbeddedCluster c : List.of(a, b)) {
        assertThat(c.template()).contains(template);
        assertServesFluxKinds(c.client());
      }
      assertUsesItsOwnCa(a.client(), dirA);
      assertUsesItsOwnCa(b.client(), dirB);
      a.client()
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("only-a").endMetadata().build())
          .create();
      assertThat(a.client().namespaces().withName("only-a").get()).isNotNull();
      assertThat(b.client().namespaces().withName("only-a").get()).isNull();
    }
    assertThat(ProcessSweep.find(dirA)).isEmpty();
    assertThat(ProcessSweep.find(dirB)).isEmpty();
  }

  @Test
  void startsFromEmptyDataAndInstallsTheCrdsWhenEtcdRefusesTheTemplate() throws Exception {
    Path corrupt = tmp.resolve("corrupt-template");
    Files2.copyTree(template.dir(), corrupt);
    Files.write(
        corrupt.resolve("etcd/member/snap/db"), "not a bbolt database".repeat(512).getBytes());
    EtcdTemplate broken = new EtcdTemplate(corrupt, template.crdNames());
    Path dir = tmp.resolve("c");

    try (EmbeddedCluster c = start("c", dir, broken)) {
      assertThat(c.template()).isEmpty();
      assertServesFluxKinds(c.client());
      assertThat(Files.readString(dir.resolve("logs/etcd.log"))).isNotEmpty();
    }
    assertThat(ProcessSweep.find(dir)).isEmpty();
  }

  @Test
  void registersTheCrdsItselfWhenTheTemplateLacksOneItLists() {
    String missing = "helmreleases.helm.toolkit.fluxcd.io";
    // A template that claims a CRD its data does not hold: registered, then deleted before the
    // data was taken.
    EtcdTemplate lacking =
        new EtcdTemplates(tmp.resolve("lacking-templates"))
            .obtain(
                KubeBinaries.locate(),
                "all but " + missing,
                "Flux's CRDs but " + missing,
                plane -> {
                  try (KubernetesClient client = plane.adminClient()) {
                    List<String> names = EmbeddedFlux.registerCrds(client, MANIFESTS);
                    var crds = client.apiextensions().v1().customResourceDefinitions();
                    crds.withName(missing).delete();
                    await().atMost(PUBLISHED).until(() -> crds.withName(missing).get() == null);
                    plane.awaitReady();
                    return names;
                  }
                },
                line -> {})
            .orElseThrow();
    assertThat(lacking.crdNames()).contains(missing);
    Path dir = tmp.resolve("d");

    try (EmbeddedCluster d = start("d", dir, lacking)) {
      assertThat(d.template()).contains(lacking);
      assertServesFluxKinds(d.client());
    }
    assertThat(ProcessSweep.find(dir)).isEmpty();
  }

  private static EmbeddedCluster start(String name, Path dir, EtcdTemplate t) {
    return EmbeddedCluster.start(name, dir, t, c -> EmbeddedFlux.install(c, MANIFESTS));
  }

  private static CompletableFuture<EmbeddedCluster> startAsync(
      String name, Path dir, EtcdTemplate t) {
    return CompletableFuture.supplyAsync(() -> start(name, dir, t));
  }

  /** Where clients (kube-root-ca.crt) and aggregated servers read the cluster's CA. */
  private static void assertUsesItsOwnCa(KubernetesClient client, Path dir) throws Exception {
    String ownCa = Files.readString(dir.resolve("pki/ca.crt"));
    assertThat(configMap(client, "default", "kube-root-ca.crt", PUBLISHED)).isEqualTo(ownCa);
    assertThat(configMap(client, EmbeddedFlux.NAMESPACE, "kube-root-ca.crt", PUBLISHED))
        .isEqualTo(ownCa);
    assertThat(
            client
                .configMaps()
                .inNamespace("kube-system")
                .withName("extension-apiserver-authentication")
                .get()
                .getData()
                .get("client-ca-file"))
        .isEqualTo(ownCa);
  }

  private static void assertServesFluxKinds(KubernetesClient client) {
    for (String crd : template.crdNames()) {
      assertThat(
              FluxCrds.isEstablished(
                  client.apiextensions().v1().customResourceDefinitions().withName(crd).get()))
          .as(crd)
          .isTrue();
    }
    assertThat(
            client
                .genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
                .inNamespace(EmbeddedFlux.NAMESPACE)
                .list()
                .getItems())
        .isEmpty();
  }

  private static String configMap(KubernetesClient client, String namespace, String name) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return cm == null ? null : cm.getData().get("ca.crt");
  }

  private static String configMap(
      KubernetesClient client, String namespace, String name, Duration atMost) {
    return await().atMost(atMost).until(() -> configMap(client, namespace, name), v -> v != null);
  }
}
