package dev.fluxlab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantOnboardingTest {
  @Test
  void anAddedTenantIsReadyInItsOwnNamespaceOnEveryCluster(@TempDir Path state) throws Exception {
    Settings settings =
        TestEnvironments.settings(state, "env.name=tenants", "layout=multi-tenancy");
    try (Environment env = TestEnvironments.deploy(settings)) {
      new TenantOnboarding(env, settings.podinfoStartVersion(), settings.readyTimeout())
          .add("team-b", "apps-b");

      for (String cluster : env.clusters()) {
        var hr = env.flux(cluster).get(FluxKind.HELM_RELEASE, "apps-b", "podinfo");
        assertThat(ObjectStatus.of(cluster, FluxKind.HELM_RELEASE, hr).settled()).isTrue();
        assertThat(
                env.client(cluster)
                    .serviceAccounts()
                    .inNamespace("apps-b")
                    .withName("team-b")
                    .get())
            .isNotNull();
        assertThat(
                env.client(cluster).namespaces().withName("apps-b").get().getMetadata().getLabels())
            .containsEntry("toolkit.fluxcd.io/tenant", "team-b");
      }
      assertThat(
              env.client("production")
                  .apps()
                  .deployments()
                  .inNamespace("apps-b")
                  .withName("podinfo")
                  .get()
                  .getSpec()
                  .getReplicas())
          .as("production overlay of the new tenant")
          .isEqualTo(2);

      // Each tenant's Secret in the cluster is its own git identity: its repository, not fleet.
      for (String[] t :
          List.of(new String[] {"dev-team", "dev-team"}, new String[] {"team-b", "apps-b"})) {
        Credentials inCluster = tenantSecret(env, t[0], t[1]);
        assertThat(inCluster.username()).isEqualTo(t[0]);
        assertThat(inCluster.password()).isNotEqualTo(env.credentials().password());
        assertThatThrownBy(() -> fastForward(env, SeedPlan.FLEET_REPOSITORY, inCluster, state))
            .as(t[0] + " pushing to fleet")
            .isInstanceOf(TransportException.class)
            .hasMessageContaining("not permitted");
        fastForward(env, t[0], inCluster, state);
      }
      Map<String, String> gitVariables =
          env.client("staging")
              .secrets()
              .inNamespace(FluxBootstrap.NAMESPACE)
              .withName(FluxBootstrap.GIT_SECRET)
              .get()
              .getData();
      assertThat(gitVariables.values().stream().map(TenantOnboardingTest::decode))
          .doesNotContain(env.credentials().password());
      // The platform can still push everywhere.
      fastForward(env, SeedPlan.FLEET_REPOSITORY, env.credentials(), state);
      fastForward(env, "team-b", env.credentials(), state);
    } finally {
      Teardown.run(state, "tenants");
    }
  }

  private static Credentials tenantSecret(Environment env, String tenant, String namespace) {
    Map<String, String> data =
        env.client("staging")
            .secrets()
            .inNamespace(namespace)
            .withName(tenant + "-git")
            .get()
            .getData();
    return new Credentials(decode(data.get("username")), decode(data.get("password")));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /**
   * A commit on top of the repository's history (cloned as the platform) pushed with {@code who}'s
   * credentials: nothing but the permission can refuse it.
   */
  private static void fastForward(Environment env, String repository, Credentials who, Path tmp)
      throws Exception {
    Path dir = tmp.resolve("push-" + repository + "-" + System.nanoTime());
    String url = env.repositoryUrl(repository);
    try (Git git =
        Git.cloneRepository()
            .setURI(url)
            .setDirectory(dir.toFile())
            .setCredentialsProvider(auth(env.credentials()))
            .call()) {
      Files.writeString(dir.resolve("pushed-by-" + who.username() + ".txt"), "x\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("push test").setAuthor("t", "t@localhost").setSign(false).call();
      for (PushResult result :
          git.push()
              .setRemote(url)
              .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
              .setCredentialsProvider(auth(who))
              .call()) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          assertThat(update.getStatus())
              .as("push to " + repository)
              .isEqualTo(RemoteRefUpdate.Status.OK);
        }
      }
    }
  }

  private static UsernamePasswordCredentialsProvider auth(Credentials c) {
    return new UsernamePasswordCredentialsProvider(c.username(), c.password());
  }

  @Test
  void refusesTenantsInAMultiClusterEnvironment(@TempDir Path state) {
    Settings settings = TestEnvironments.settings(state, "env.name=mc", "clusters=staging");
    try (Environment env = TestEnvironments.deploy(settings)) {
      assertThatThrownBy(
              () ->
                  new TenantOnboarding(env, "6.9.0", settings.readyTimeout())
                      .add("team-b", "team-b"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              "environment 'mc' has layout multi-cluster; tenants need layout=multi-tenancy");
    } finally {
      Teardown.run(state, "mc");
    }
  }

  @Test
  void listsTheTenantInAClusterOverlay() {
    String overlay =
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/dev-team\n";

    String updated = TenantOnboarding.withTenant(overlay, "team-b", "staging");

    assertThat(updated)
        .contains("- ../base/dev-team", "- ../base/team-b", "name: team-b", "value: ./staging");
  }
}
