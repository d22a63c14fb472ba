package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.cli.Cli;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryCharts;
import dev.fluxlab.oci.RegistrySecrets;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The docker backend's registry container: the chart packages are in it, it answers the per-run
 * credentials only, {@code fluxlab push artifact} reaches it from this machine, and Flux's own
 * source-controller (kube-local) pulls from it by the stable name with the Secrets fluxlab made.
 * One environment for the class: starting one takes about a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerRegistryTest {
  private static final Duration SOURCE_READY = Duration.ofMinutes(2);
  private static final String NS = "flux-system";

  private Path state;
  private Settings settings;
  private Environment env;
  private String skipped;

  /**
   * The state directory comes as a parameter: an instance {@code @TempDir} field was still null
   * here, so earlier runs wrote their state (credentials included) to {@code ./null}.
   */
  @BeforeAll
  void start(@TempDir Path state) {
    this.state = state;
    try {
      settings = DockerImages.kubeLocal(state, "reg-" + ProcessHandle.current().pid(), "one");
    } catch (TestAbortedException e) {
      // Skipped per test (a class aborted here is reported as no tests at all).
      skipped = e.getMessage().replaceFirst("^Assumption failed: ", "");
      return;
    }
    env = new DockerBackend(new PodinfoCharts(), line -> {}).start(settings);
  }

  @BeforeEach
  void requireEnvironment() {
    assumeTrue(skipped == null, skipped);
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.close();
      assertThat(DockerImages.containers(settings.envName())).isEmpty();
    }
  }

  @Test
  void theChartsArePublishedAndOnlyThePerRunCredentialsAreAnswered() throws Exception {
    RegistryAccess access = RegistryAccess.read(env.dir());
    String podinfo = RegistryCharts.PREFIX + "podinfo";

    assertThat(OciClient.forRegistry(access).tags(podinfo))
        .contains(settings.podinfoStartVersion(), settings.podinfoNextVersion());
    OciClient wrong =
        OciClient.connect(
            access.host(),
            new Credentials(access.credentials().username(), "wrong"),
            access.caPem(),
            false);
    assertThatThrownBy(() -> wrong.resolve(podinfo, settings.podinfoStartVersion()))
        .isInstanceOf(OciClient.OciException.class)
        .satisfies(e -> assertThat(((OciClient.OciException) e).status()).isEqualTo(401));
    assertThat(anonymousStatus(access, "/v2/" + podinfo + "/tags/list")).isEqualTo(401);
    assertThat(DockerImages.containers(settings.envName()))
        .extracting(c -> c.getLabels().get(DockerLabels.ROLE))
        .contains("registry");
  }

  /** An anonymous GET over TLS that trusts the registry's CA only (and checks its host name). */
  private static int anonymousStatus(RegistryAccess access, String path) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(access.caPem().getBytes(StandardCharsets.UTF_8))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpRequest get = HttpRequest.newBuilder(URI.create("https://" + access.host() + path)).build();
    return HttpClient.newBuilder()
        .sslContext(tls)
        .build()
        .send(get, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void realSourceControllerPullsTheChartByTheStableNameWithFluxlabsSecrets() {
    KubernetesClient client = env.client("one");
    // As scenarios/oci/chartref-upgrade.yaml declares it.
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("url", "oci://fluxlab-registry:5000/charts/podinfo");
    spec.put("ref", Map.of("tag", settings.podinfoStartVersion()));
    spec.put(
        "layerSelector",
        Map.of(
            "mediaType", "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
            "operation", "copy"));
    spec.put("secretRef", Map.of("name", RegistrySecrets.AUTH));
    spec.put("certSecretRef", Map.of("name", RegistrySecrets.CA));
    apply(client, "podinfo-oci", spec);

    String revision = awaitReadyRevision(client, "podinfo-oci");

    assertThat(revision)
        .matches(Pattern.quote(settings.podinfoStartVersion()) + "@sha256:[0-9a-f]{64}");
  }

  @Test
  void aPushedArtifactIsPulledByRealSourceController() throws Exception {
    Path dir = Files.createDirectories(env.dir().resolveSibling("apps-src"));
    Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(
                "push",
                "artifact",
                "oci://fluxlab-registry:5000/fleet/apps:v1",
                "--path",
                dir.toString(),
                "--source",
                "https://example.invalid/fleet",
                "--revision",
                "main@sha1:0123456789abcdef0123456789abcdef01234567",
                "--set",
                "state.dir=" + env.dir().getParent(),
                "--set",
                "env.name=" + settings.envName());
    assertThat(code).as(err.toString()).isZero();
    Matcher pushed = Pattern.compile("@(sha256:[0-9a-f]{64})").matcher(out.toString());
    assertThat(pushed.find()).as(out.toString()).isTrue();

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("url", "oci://fluxlab-registry:5000/fleet/apps");
    spec.put("ref", Map.of("tag", "v1"));
    spec.put("secretRef", Map.of("name", RegistrySecrets.AUTH));
    spec.put("certSecretRef", Map.of("name", RegistrySecrets.CA));
    KubernetesClient client = env.client("one");
    apply(client, "apps-oci", spec);

    assertThat(awaitReadyRevision(client, "apps-oci")).isEqualTo("v1@" + pushed.group(1));
  }

  private static void apply(KubernetesClient client, String name, Map<String, Object> spec) {
    GenericKubernetesResource repo =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("source.toolkit.fluxcd.io/v1")
            .withKind("OCIRepository")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    client.resource(repo).create();
  }

  /**
   * Waits for a status with Ready=True and an artifact, and returns the artifact's revision. Both
   * must be in one read: Flux's patch helper writes the conditions and the rest of the status in
   * two requests, conditions first, so Ready=True can be read before the artifact is there. A
   * failure lists every distinct status seen, in order.
   */
  @SuppressWarnings("unchecked")
  private static String awaitReadyRevision(KubernetesClient client, String name) {
    var resource =
        client
            .genericKubernetesResources("source.toolkit.fluxcd.io/v1", "OCIRepository")
            .inNamespace(NS)
            .withName(name);
    List<Object> seen = new ArrayList<>();
    AtomicReference<String> revision = new AtomicReference<>();
    await("OCIRepository " + name + " Ready with an artifact")
        .atMost(SOURCE_READY)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, Object> status =
                  (Map<String, Object>) resource.get().getAdditionalProperties().get("status");
              if (seen.isEmpty() || !Objects.equals(seen.get(seen.size() - 1), status)) {
                seen.add(status);
              }
              List<Map<String, Object>> conditions =
                  status == null
                      ? List.of()
                      : (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
              Map<String, Object> artifact =
                  status == null ? null : (Map<String, Object>) status.get("artifact");
              assertThat(conditions)
                  .as("statuses seen: %s", seen)
                  .filteredOn(c -> "Ready".equals(c.get("type")))
                  .singleElement()
                  .satisfies(c -> assertThat(c.get("status")).isEqualTo("True"));
              assertThat(artifact).as("statuses seen: %s", seen).isNotNull();
              revision.set((String) artifact.get("revision"));
            });
    return revision.get();
  }
}
