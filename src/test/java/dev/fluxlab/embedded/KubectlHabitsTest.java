package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.ops.TestEnvironments;
import dev.fluxlab.util.CacheDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * What a platform engineer types by habit against a deployed embedded environment, with the real
 * kubectl and (where {@code scripts/build-real-components} built it) the real flux CLI. Each test
 * asserts the command's effect on the cluster, not only its exit code. One environment (the
 * multi-cluster fixture, cluster staging) for the class; each test works in objects of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlHabitsTest {
  private static final Duration COMMAND = Duration.ofSeconds(60);
  private static final Duration CHANGE_SEEN = Duration.ofSeconds(20);
  private static final Path FLUX_CLI =
      CacheDir.realComponents().resolve("flux-v2.9.5").resolve("flux");

  private Path tmp;
  private Environment env;
  private Path kubeconfig;

  private record Run(int exitCode, String out, String err) {
    String both() {
      return out + err;
    }
  }

  @BeforeAll
  void deploy(@TempDir Path dir) throws Exception {
    tmp = dir;
    env =
        TestEnvironments.deploy(
            TestEnvironments.settings(dir.resolve("state"), "clusters=staging"));
    kubeconfig = env.kubeconfig("staging");
    ok("create", "namespace", "habits");
    ok("-n", "habits", "create", "deployment", "web", "--image=web:1", "--replicas=1");
  }

  @AfterAll
  void teardown() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void applyClientSideAndServerSideCreateAndUpdate() throws Exception {
    Path cm =
        manifest(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied, namespace: habits}\ndata: {v: one}\n");
    ok("apply", "-f", cm.toString());
    assertThat(jsonpath("configmap/applied", "{.data.v}")).isEqualTo("one");
    Path changed =
        manifest(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied, namespace: habits}\ndata: {v: two}\n");
    ok("apply", "--server-side", "--force-conflicts", "-f", changed.toString());
    assertThat(jsonpath("configmap/applied", "{.data.v}")).isEqualTo("two");
  }

  @Test
  void createNamespaceAndConfigMapFromLiteral() throws Exception {
    ok("create", "namespace", "habits-created");
    ok("-n", "habits-created", "create", "configmap", "lit", "--from-literal=greeting=hello");
    assertThat(
            kubectl(
                    "-n",
                    "habits-created",
                    "get",
                    "configmap",
                    "lit",
                    "-o",
                    "jsonpath={.data.greeting}")
                .out())
        .isEqualTo("hello");
  }

  @Test
  void editWithAScriptedEditor() throws Exception {
    ok("-n", "habits", "create", "configmap", "edited", "--from-literal=v=before");
    Run r =
        run(
            Map.of("KUBE_EDITOR", "sed -i s/before/after/"),
            "-n",
            "habits",
            "edit",
            "configmap/edited");
    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(jsonpath("configmap/edited", "{.data.v}")).isEqualTo("after");
  }

  @Test
  void scaleThenRolloutStatusSeesTheNewReplicas() throws Exception {
    ok("-n", "habits", "scale", "deployment/web", "--replicas=3");
    assertThat(jsonpath("deployment/web", "{.spec.replicas}")).isEqualTo("3");
    Run status = ok("-n", "habits", "rollout", "status", "deployment/web", "--timeout=30s");
    assertThat(status.out()).contains("successfully rolled out");
    assertThat(jsonpath("deployment/web", "{.status.readyReplicas}")).isEqualTo("3");
  }

  @Test
  void rolloutRestartAndSetImageChangeTheTemplate() throws Exception {
    ok("-n", "habits", "rollout", "restart", "deployment/web");
    assertThat(jsonpath("deployment/web", "{.spec.template.metadata.annotations}"))
        .contains("kubectl.kubernetes.io/restartedAt");
    ok("-n", "habits", "set", "image", "deployment/web", "web=web:2");
    assertThat(jsonpath("deployment/web", "{.spec.template.spec.containers[0].image}"))
        .isEqualTo("web:2");
  }

  @Test
  void strategicMergeAndJsonPatches() throws Exception {
    ok("-n", "habits", "create", "configmap", "patched", "--from-literal=a=1");
    ok("-n", "habits", "patch", "configmap/patched", "-p", "{\"data\":{\"b\":\"2\"}}");
    ok(
        "-n",
        "habits",
        "patch",
        "configmap/patched",
        "--type=merge",
        "-p",
        "{\"data\":{\"c\":\"3\"}}");
    ok(
        "-n",
        "habits",
        "patch",
        "configmap/patched",
        "--type=json",
        "-p",
        "[{\"op\":\"remove\",\"path\":\"/data/a\"}]");
    assertThat(jsonpath("configmap/patched", "{.data}"))
        .contains("\"b\":\"2\"")
        .contains("\"c\":\"3\"")
        .doesNotContain("\"a\"");
  }

  @Test
  void diffShowsWhatApplyWouldChange() throws Exception {
    ok("-n", "habits", "create", "configmap", "diffed", "--from-literal=v=old");
    Path changed =
        manifest(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: diffed, namespace: habits}\ndata: {v: new}\n");
    Run r = kubectl("diff", "-f", changed.toString());
    assertThat(r.exitCode()).as(r.both()).isEqualTo(1); // kubectl diff: 1 = differences found
    assertThat(r.out()).contains("-  v: old").contains("+  v: new");
    assertThat(jsonpath("configmap/diffed", "{.data.v}")).isEqualTo("old");
  }

  @Test
  void waitForAKustomizationToBeReady() throws Exception {
    Run r =
        ok(
            "-n",
            "flux-system",
            "wait",
            "--for=condition=ready",
            "kustomization/apps",
            "--timeout=60s");
    assertThat(r.out()).contains("condition met");
  }

  @Test
  void getWatchSeesAChange() throws Exception {
    ok("-n", "habits", "create", "configmap", "watched", "--from-literal=v=first");
    Path out = tmp.resolve("watch-" + UUID.randomUUID());
    Process watch =
        new ProcessBuilder(
                command(
                    "-n",
                    "habits",
                    "get",
                    "configmap",
                    "watched",
                    "--watch",
                    "-o",
                    "jsonpath={.data.v}{\"\\n\"}"))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      await().atMost(CHANGE_SEEN).until(() -> Files.readString(out).contains("first"));
      ok(
          "-n",
          "habits",
          "patch",
          "configmap/watched",
          "--type=merge",
          "-p",
          "{\"data\":{\"v\":\"second\"}}");
      await().atMost(CHANGE_SEEN).until(() -> Files.readString(out).contains("second"));
    } finally {
      watch.destroyForcibly();
    }
  }

  @Test
  void eventsHaveTypeReasonAndMessageForBothEventCommands() throws Exception {
    Run get = ok("-n", "flux-system", "get", "events");
    assertThat(get.out().lines().findFirst().orElse(""))
        .contains("TYPE")
        .contains("REASON")
        .contains("MESSAGE");
    assertThat(get.out()).contains("kustomization/apps");
    Run events = ok("events", "-n", "flux-system");
    assertThat(events.out()).contains("Kustomization/apps");
  }

  @Test
  void authCanIAsATenantServiceAccountIsDecidedByRbac() throws Exception {
    ok("create", "namespace", "dev-team");
    ok("-n", "dev-team", "create", "serviceaccount", "dev-team");
    ok(
        "-n",
        "dev-team",
        "create",
        "rolebinding",
        "dev-team-admin",
        "--clusterrole=admin",
        "--serviceaccount=dev-team:dev-team");
    String as = "--as=system:serviceaccount:dev-team:dev-team";
    // The built-in admin role is aggregated by kube-controller-manager: allow once it has rules.
    await()
        .atMost(CHANGE_SEEN)
        .until(
            () ->
                kubectl("auth", "can-i", "create", "deployments", "-n", "dev-team", as)
                    .out()
                    .trim()
                    .equals("yes"));
    Run elsewhere = kubectl("auth", "can-i", "create", "deployments", "-n", "flux-system", as);
    assertThat(elsewhere.out().trim()).isEqualTo("no");
    assertThat(kubectl("auth", "can-i", "create", "clusterrolebindings", as).out().trim())
        .isEqualTo("no");
  }

  @Test
  void versionAndClusterInfoNameTheRealServer() throws Exception {
    assertThat(ok("version", "-o", "json").out()).contains("\"gitVersion\": \"v1.37.2\"");
    assertThat(ok("cluster-info").out())
        .contains("Kubernetes control plane")
        .contains("https://127.0.0.1:");
  }

  @Test
  void explainReadsFluxsSchemas() throws Exception {
    Run r = ok("explain", "kustomizations.spec");
    assertThat(r.out()).contains("sourceRef").contains("interval");
  }

  @Test
  void deleteWithServerDryRunDeletesNothing() throws Exception {
    ok("create", "namespace", "habits-kept");
    Run r = ok("delete", "namespace", "habits-kept", "--dry-run=server");
    assertThat(r.out()).contains("(server dry run)");
    assertThat(ok("get", "namespace", "habits-kept", "-o", "name").out().trim())
        .isEqualTo("namespace/habits-kept");
  }

  @Test
  void theApiServerAnswersNobodyWithoutCredentials() throws Exception {
    String server = jsonpathConfig("{.clusters[0].cluster.server}");
    Process curl =
        new ProcessBuilder(
                "curl",
                "-k",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                server + "/api/v1/namespaces/flux-system/secrets")
            .redirectErrorStream(true)
            .start();
    assertThat(curl.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("401");
  }

  @Test
  void theFluxCliWorksAgainstTheEmbeddedCluster() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(FLUX_CLI),
        "flux CLI not built (scripts/build-real-components flux): " + FLUX_CLI);
    assertThat(flux("get", "all", "-A").out())
        .contains("kustomization/apps")
        .contains("gitrepository/flux-system");
    assertThat(flux("get", "kustomizations", "-A").out()).contains("apps").contains("True");
    assertThat(flux("get", "helmreleases", "-A").out()).contains("podinfo");
    assertThat(flux("get", "sources", "git", "-A").out()).contains("flux-system");
    assertThat(flux("reconcile", "ks", "apps", "--with-source").both())
        .contains("applied revision");
    flux("suspend", "ks", "apps");
    assertThat(jsonpathNs("flux-system", "kustomization/apps", "{.spec.suspend}"))
        .isEqualTo("true");
    flux("resume", "ks", "apps");
    assertThat(jsonpathNs("flux-system", "kustomization/apps", "{.spec.suspend}"))
        .isEqualTo("false");
    assertThat(flux("events", "-A").out()).contains("Kustomization/apps");
    assertThat(flux("tree", "ks", "flux-system").out()).contains("Kustomization/flux-system/apps");
    assertThat(flux("stats", "-A").out()).contains("Kustomization").contains("HelmRelease");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Run flux(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(FLUX_CLI.toString(), "--kubeconfig=" + kubeconfig, "--timeout=60s"));
    command.addAll(List.of(args));
    Run r = exec(command, Map.of());
    assertThat(r.exitCode()).as("flux " + String.join(" ", args) + "\n" + r.both()).isZero();
    return r;
  }

  private Path manifest(String yaml) throws IOException {
    return Files.writeString(tmp.resolve("m-" + UUID.randomUUID() + ".yaml"), yaml);
  }

  private String jsonpath(String object, String path) throws Exception {
    return jsonpathNs("habits", object, path);
  }

  private String jsonpathNs(String ns, String object, String path) throws Exception {
    return ok("-n", ns, "get", object, "-o", "jsonpath=" + path).out();
  }

  private String jsonpathConfig(String path) throws Exception {
    return ok("config", "view", "--raw", "-o", "jsonpath=" + path).out();
  }

  private Run ok(String... args) throws Exception {
    Run r = kubectl(args);
    assertThat(r.exitCode()).as("kubectl " + String.join(" ", args) + "\n" + r.both()).isZero();
    return r;
  }

  private Run kubectl(String... args) throws Exception {
    return run(Map.of(), args);
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    return exec(command(args), env);
  }

  private List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kubectl",
                "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + tmp.resolve("kube-cache"),
                "--request-timeout=30s"));
    command.addAll(List.of(args));
    return command;
  }

  private Run exec(List<String> command, Map<String, String> env) throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run-" + UUID.randomUUID()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(run.resolve("out").toFile())
            .redirectError(run.resolve("err").toFile());
    pb.environment().putAll(env);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    if (!p.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Run(
        p.exitValue(), Files.readString(run.resolve("out")), Files.readString(run.resolve("err")));
  }
}
