package dev.fluxlab.docker;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.InvalidInputException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Installs Flux from a pinned release's install manifests (what {@code flux install --export}
 * prints), with server-side apply, in the order a real install needs: namespace, CRDs (waited for
 * until Established), then the rest.
 */
public final class FluxInstall {
  public static final String NAMESPACE = "flux-system";
  private static final String FIELD_MANAGER = "fluxlab";

  /** The controllers that reconcile objects with dependsOn (and honour the lockdown flags). */
  private static final Set<String> LOCKED_DOWN_CONTROLLERS =
      Set.of("kustomize-controller", "helm-controller");

  /**
   * How soon a lab's controllers retry a Kustomization or HelmRelease whose dependency has not
   * applied the new revision yet: 5 s instead of Flux's default 30 s. A lab waits for nothing on
   * purpose; the order of application is the same.
   */
  public static final String LAB_REQUEUE_DEPENDENCY = "5s";

  private final List<HasMetadata> objects;

  private FluxInstall(List<HasMetadata> objects) {
    this.objects = objects;
  }

  /** Reads the manifests; a missing file is a settings error naming how to get it. */
  public static FluxInstall read(KubernetesClient client, Path manifests, String fluxVersion) {
    if (!Files.isRegularFile(manifests)) {
      throw new InvalidInputException(
          "setting 'flux.manifests': "
              + manifests
              + " does not exist (make the Flux "
              + fluxVersion
              + " install manifests with `scripts/build-real-components flux`, or point"
              + " flux.manifests at `flux install --export` output)");
    }
    try (InputStream in = Files.newInputStream(manifests)) {
      return new FluxInstall(new ArrayList<>(client.load(in).items()));
    } catch (IOException | KubernetesClientException e) {
      throw new InvalidInputException(
          "setting 'flux.manifests': cannot read " + manifests + ": " + e.getMessage());
    }
  }

  /**
   * Adds the multi-tenancy lockdown flags to the kustomize and helm controllers, as Flux's
   * multi-tenancy guide patches them.
   */
  public FluxInstall lockedDown(String defaultServiceAccount) {
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d
          && LOCKED_DOWN_CONTROLLERS.contains(d.getMetadata().getName())) {
        d.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals("manager"))
            .forEach(
                c -> {
                  c.getArgs().add("--no-cross-namespace-refs=true");
                  c.getArgs().add("--default-service-account=" + defaultServiceAccount);
                });
      }
    }
    return this;
  }

  /** Starts the kustomize and helm controllers with {@link #LAB_REQUEUE_DEPENDENCY}. */
  public FluxInstall withLabDependencyRequeue() {
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d
          && LOCKED_DOWN_CONTROLLERS.contains(d.getMetadata().getName())) {
        d.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals("manager"))
            .forEach(c -> c.getArgs().add("--requeue-dependency=" + LAB_REQUEUE_DEPENDENCY));
      }
    }
    return this;
  }

  /** Puts {@code labels} on every object, so that what was installed can be found again. */
  public FluxInstall labelled(Map<String, String> labels) {
    for (HasMetadata o : objects) {
      Map<String, String> all = new LinkedHashMap<>();
      if (o.getMetadata().getLabels() != null) {
        all.putAll(o.getMetadata().getLabels());
      }
      all.putAll(labels);
      o.getMetadata().setLabels(all);
    }
    return this;
  }

  /** Applies the objects {@code include} accepts and waits for the CRDs to be Established. */
  public void apply(KubernetesClient client, Predicate<HasMetadata> include) {
    List<HasMetadata> selected = objects.stream().filter(include).toList();
    List<HasMetadata> namespaces =
        selected.stream().filter(o -> o.getKind().equals("Namespace")).toList();
    List<HasMetadata> crds =
        selected.stream().filter(o -> o instanceof CustomResourceDefinition).toList();
    List<HasMetadata> rest =
        selected.stream().filter(o -> !namespaces.contains(o) && !crds.contains(o)).toList();
    namespaces.forEach(o -> apply(client, o));
    crds.forEach(o -> apply(client, o));
    for (HasMetadata crd : crds) {
      awaitEstablished(client, crd.getMetadata().getName());
    }
    rest.forEach(o -> apply(client, o));
  }

  /** Waits until every Deployment of the install is Available. */
  public void awaitControllers(KubernetesClient client, long timeoutSeconds) {
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d) {
        var deployment =
            client
                .apps()
                .deployments()
                .inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName());
        // Polled, not waitUntilCondition: that leaves an informer whose watch restart, racing the
        // caller closing the client right after, logs a stack trace ("Client is closed").
        try {
          Awaitility.await("Flux controller " + d.getMetadata().getName() + " Available")
              .atMost(Duration.ofSeconds(timeoutSeconds))
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptionsInstanceOf(KubernetesClientException.class)
              .until(() -> isAvailable(deployment.get()));
        } catch (ConditionTimeoutException e) {
          throw new FluxLabException(
              "Flux controller "
                  + d.getMetadata().getName()
                  + " did not become Available within "
                  + timeoutSeconds
                  + " s");
        }
      }
    }
  }

  /** The names of the controllers the manifests deploy (source-controller, ...). */
  public List<String> controllers() {
    return objects.stream()
        .filter(o -> o instanceof Deployment)
        .map(o -> o.getMetadata().getName())
        .toList();
  }

  private static boolean isAvailable(Deployment d) {
    return d != null
        && d.getStatus() != null
        && d.getStatus().getConditions() != null
        && d.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Available") && c.getStatus().equals("True"));
  }

  private static void apply(KubernetesClient client, HasMetadata o) {
    try {
      client.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      throw new FluxLabException(
          "installing Flux: applying "
              + o.getKind()
              + " "
              + o.getMetadata().getName()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private static void awaitEstablished(KubernetesClient client, String name) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(name)
        .waitUntilCondition(
            crd ->
                crd != null
                    && crd.getStatus() != null
                    && crd.getStatus().getConditions() != null
                    && crd.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> c.getType().equals("Established") && c.getStatus().equals("True")),
            60,
            TimeUnit.SECONDS);
  }
}
