package example.consumer;

import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.junit.FluxLab;
import dev.fluxlab.junit.FluxLabEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How a product team tests its own Flux repository with fluxlab, using only the public API: the
 * repository under fixtures/example-consumer stands in for the team's repository root.
 */
@FluxLab(repo = "fixtures/example-consumer", path = "deploy/clusters/dev")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebDeploymentTest {
  @Test
  @Order(1)
  void theClusterConvergesWithTheAppAfterThePlatform(FluxLabEnvironment env) {
    env.flux(KUSTOMIZATION, "flux-system", "platform").now().isReady();
    env.flux(KUSTOMIZATION, "flux-system", "web").now().isReady();
    env.object("apps/v1", "Deployment", "web", "web").now().hasField("spec.replicas", 2);
    env.object("v1", "ConfigMap", "web", "web-config").now().hasField("data.environment", "dev");
  }

  @Test
  @Order(2)
  void aNewImageInGitRollsOut(FluxLabEnvironment env) {
    env.edit("deploy/apps/web/base/deployment.yaml")
        .replace("example/web:1.0.0", "example/web:1.1.0")
        .push("Release web 1.1.0");

    env.object("apps/v1", "Deployment", "web", "web")
        .eventually()
        .hasField("spec.template.spec.containers.0.image", "example/web:1.1.0");
    env.flux(KUSTOMIZATION, "flux-system", "web").eventually().isReady();
  }

  @Test
  @Order(3)
  void aHandMadeChangeIsRevertedByFlux(FluxLabEnvironment env) {
    env.change(null, "apps/v1", "Deployment", "web", "web", "spec.replicas", 5);

    env.reconcile(KUSTOMIZATION, "flux-system", "web");

    env.object("apps/v1", "Deployment", "web", "web").now().hasField("spec.replicas", 2);
  }

  @Test
  @Order(4)
  void theTeamsOwnScenarioFilePasses(FluxLabEnvironment env) {
    var result =
        env.runScenario(Path.of("fixtures/example-consumer/scenarios/greeting-change.yaml"));

    assertThat(result.steps()).hasSize(3);
  }
}
