package dev.fluxlab.ops;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a Service of a cluster over HTTP through the cluster's API server (its service proxy, as
 * {@code kubectl get --raw} would), with the client's own credentials: nothing is exposed on the
 * host, and it works wherever the API server can reach the pods, whatever the backend.
 */
public final class ServiceProbe {
  /** kwok marks the nodes it fakes: they are Ready but run no container. */
  private static final String KWOK_NODE = "kwok.x-k8s.io/node";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** What the Service answered. */
  public record Answer(int status, String body) {}

  private ServiceProbe() {}

  /**
   * Whether any node of the cluster runs pods: a Ready node that is not a kwok fake. The embedded
   * backend has no nodes at all, kube-local only kwok ones; kube-node and k3s have real ones.
   */
  public static boolean podsRun(KubernetesClient client) {
    return client.nodes().list().getItems().stream()
        .filter(n -> !annotations(n).containsKey(KWOK_NODE))
        .anyMatch(ServiceProbe::ready);
  }

  /**
   * {@code GET path} on the Service, port by name or number (null: the Service's only port).
   *
   * @throws IllegalStateException when the API server cannot be asked at all
   */
  public static Answer get(
      KubernetesClient client, String namespace, String service, String port, String path) {
    String target = service + portSuffix(client, namespace, service, port);
    String url =
        client.getMasterUrl().toString().replaceAll("/+$", "")
            + "/api/v1/namespaces/"
            + namespace
            + "/services/"
            + URLEncoder.encode(target, StandardCharsets.UTF_8)
            + "/proxy"
            + path;
    HttpRequest request =
        client.getHttpClient().newHttpRequestBuilder().uri(URI.create(url)).build();
    try {
      HttpResponse<String> response =
          client
              .getHttpClient()
              .sendAsync(request, String.class)
              .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(response.code(), response.body() == null ? "" : response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking service " + target, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "asking service " + namespace + "/" + target + " failed: " + cause.getMessage(), e);
    }
  }

  /**
   * The API server proxies {@code services/NAME/proxy} to the port named "" only: a Service whose
   * one port is named (podinfo's "http") answers 503 "no endpoints available" unless the name is
   * given, so the only port is looked up here.
   */
  private static String portSuffix(
      KubernetesClient client, String namespace, String service, String port) {
    if (port != null) {
      return ":" + port;
    }
    Service s = client.services().inNamespace(namespace).withName(service).get();
    if (s == null || s.getSpec() == null || s.getSpec().getPorts() == null) {
      return "";
    }
    List<ServicePort> ports = s.getSpec().getPorts();
    if (ports.size() != 1 || ports.get(0).getName() == null || ports.get(0).getName().isEmpty()) {
      return "";
    }
    return ":" + ports.get(0).getName();
  }

  private static Map<String, String> annotations(Node node) {
    Map<String, String> a = node.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
