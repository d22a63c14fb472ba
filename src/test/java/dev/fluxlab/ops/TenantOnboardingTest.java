package dev.fluxlab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantOnboardingTest {
  @Test
  void anAddedTenantIsReadyInItsOwnNamespaceOnEveryCluster(@TempDir Path state) {
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
    } finally {
      Teardown.run(state, "tenants");
    }
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
