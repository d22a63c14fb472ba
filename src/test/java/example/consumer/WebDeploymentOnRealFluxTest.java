package example.consumer;

import dev.fluxlab.config.BackendChoice;
import dev.fluxlab.junit.FluxLab;
import org.junit.jupiter.api.Tag;

/**
 * The same tests of the team's repository, on the docker backend with real components (Gitea, the
 * Kubernetes control plane, Flux's own controllers) as built on this machine. Without those images
 * the extension skips, naming them. Tagged: runs with scripts/e2e-real.
 */
@Tag("real-flux")
@FluxLab(
    repo = "fixtures/example-consumer",
    path = "deploy/clusters/dev",
    backend = BackendChoice.DOCKER,
    settings = {"cluster.provider=kube-local", "image.gitea=fluxlab-local/gitea:1.26.0"})
class WebDeploymentOnRealFluxTest extends WebDeploymentTest {}
