package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.PodinfoCharts;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerBackendTest {
  @TempDir Path state;

  @Test
  void startsGiteaTheRegistryAndAKubeLocalClusterWithFluxAndRemovesEverythingOnClose()
      throws Exception {
    Settings settings =
        DockerImages.kubeLocal(state, "dbt-" + ProcessHandle.current().pid(), "one");
    List<String> progress = new ArrayList<>();
    Environment env = new DockerBackend(new PodinfoCharts(), progress::add).start(settings);
    try {
      assertThat(DockerImages.containers(settings.envName()))
          .extracting(c -> c.getLabels().get(DockerLabels.ROLE))
          .containsExactlyInAnyOrder(
              "gitea",
              "registry",
              "cluster",
              "flux-controller",
              "flux-controller",
              "flux-controller");

      // Gitea: the org exists and the chart packages are in its Helm repository.
      String index =
          get(
              URI.create(
                  env.info().gitUrl()
                      + "/api/packages/"
                      + settings.gitOwner()
                      + "/helm/index.yaml"));
      assertThat(index).contains("podinfo").contains(settings.podinfoStartVersion());

      // The cluster answers with the admin kubeconfig, which is private, and has Flux's CRDs.
      Path kubeconfig = env.kubeconfig("one");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
          .isEqualTo("rw-------");
      KubernetesClient client = env.client("one");
      assertThat(
              client
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("kustomizations.kustomize.toolkit.fluxcd.io")
                  .get())
          .isNotNull();
      assertThat(
              client
                  .serviceAccounts()
                  .inNamespace("flux-system")
                  .withName("kustomize-controller")
                  .get())
          .isNotNull();
    } finally {
      env.close();
    }
    assertThat(DockerImages.containers(settings.envName())).isEmpty();
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET " + uri).isEqualTo(200);
    return r.body();
  }
}
