package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.git.EmbeddedGitServer;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Sha256;
import dev.fluxlab.util.Yaml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRepositoryTest {
  @TempDir Path tmp;

  @Test
  void packagesOneArchivePerVersionAndIndexesThem() throws Exception {
    ChartRepository repo =
        new ChartRepository(tmp.resolve("charts"))
            .addVersions(HelmFixtures.podinfoChart(), List.of("6.9.0", "6.9.1"));

    Map<String, Object> index = Yaml.map(Files.readString(repo.indexFile()));
    assertThat(index).containsEntry("apiVersion", "v1");
    List<Object> versions = Maps.list(index, "entries", "podinfo");
    assertThat(versions)
        .extracting(v -> Maps.string(v, "version"))
        .containsExactly("6.9.1", "6.9.0");
    Object v690 = versions.get(1);
    assertThat(Maps.string(v690, "appVersion")).isEqualTo("6.9.0");
    assertThat(Maps.list(v690, "urls")).containsExactly("podinfo-6.9.0.tgz");
    assertThat(Maps.string(v690, "digest"))
        .isEqualTo(Sha256.hex(repo.directory().resolve("podinfo-6.9.0.tgz")));
    assertThat(Maps.string(v690, "created")).isNotBlank();
    // The source chart itself is left alone.
    assertThat(Files.readString(HelmFixtures.podinfoChart().resolve("Chart.yaml")))
        .contains("version: 0.0.0");
  }

  @Test
  void packagedChartRendersTheImageOfItsAppVersion() {
    ChartRepository repo =
        new ChartRepository(tmp.resolve("charts"))
            .addVersions(HelmFixtures.podinfoChart(), List.of("6.9.1"));

    String rendered =
        new Helm(repo.directory().resolve("podinfo-6.9.1.tgz"))
            .template()
            .withName("podinfo")
            .withNamespace("apps")
            .call();

    assertThat(rendered)
        .contains("kind: Deployment")
        .contains("kind: Service")
        .contains("image: \"stefanprodan/podinfo:6.9.1\"")
        .contains("PODINFO_UI_MESSAGE");
  }

  @Test
  void addsChartSourcesAtTheirOwnVersions() throws Exception {
    Path sources = tmp.resolve("sources");
    Files2.copyTree(HelmFixtures.podinfoChart(), sources.resolve("podinfo"));
    Path chartYaml = sources.resolve("podinfo/Chart.yaml");
    Files.writeString(
        chartYaml,
        Files.readString(chartYaml)
            .replace("version: 0.0.0", "version: 1.2.3")
            .replace("appVersion: 0.0.0", "appVersion: \"1.0\""));

    ChartRepository repo = new ChartRepository(tmp.resolve("mirror")).addChartSources(sources);

    Object entry =
        Maps.list(Yaml.map(Files.readString(repo.indexFile())), "entries", "podinfo").get(0);
    assertThat(Maps.string(entry, "version")).isEqualTo("1.2.3");
    assertThat(Maps.string(entry, "appVersion")).isEqualTo("1.0");
    assertThat(repo.directory().resolve("podinfo-1.2.3.tgz")).exists();
  }

  @Test
  void isServedOverHttpByTheGitServer() throws Exception {
    ChartRepository repo =
        new ChartRepository(tmp.resolve("charts"))
            .addVersions(HelmFixtures.podinfoChart(), List.of("6.9.0"));
    try (EmbeddedGitServer server =
        new EmbeddedGitServer(tmp.resolve("git"), Credentials.generate("fluxlab"))
            .start(0, "/charts", repo.directory())) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/charts/index.yaml"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(Files.readString(repo.indexFile()));
    }
  }
}
