package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.ops.ServiceProbe;
import dev.fluxlab.ops.Waits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an {@code http} step against one cluster: asks the Service through the API server until it
 * answers as expected. On a cluster whose nodes run no pods (the embedded backend, kube-local's
 * kwok nodes) nothing can serve, and the step fails at once saying so rather than waiting.
 */
final class HttpStep {
  /** What a failure message shows of the body. */
  private static final int SHOWN = 300;

  private final Environment env;

  HttpStep(Environment env) {
    this.env = env;
  }

  /** Waits until the answer matches; returns the trimmed body. */
  String run(String cluster, Action.Http http, Duration timeout) {
    String what =
        "service " + http.namespace() + "/" + http.service() + http.path() + " on " + cluster;
    if (!ServiceProbe.podsRun(env.client(cluster))) {
      throw new FluxLabException(
          what
              + ": no node of cluster "
              + cluster
              + " runs pods (the embedded backend and cluster.provider=kube-local run none),"
              + " so nothing can answer; http steps need cluster.provider=kube-node or k3s");
    }
    AtomicReference<String> last = new AtomicReference<>("no answer yet");
    AtomicReference<String> body = new AtomicReference<>();
    Waits.until(
        what + " to answer " + http.status() + expectedBody(http),
        timeout,
        () -> {
          ServiceProbe.Answer answer;
          try {
            answer =
                ServiceProbe.get(
                    env.client(cluster),
                    http.namespace(),
                    http.service(),
                    http.port(),
                    http.path());
          } catch (IllegalStateException e) {
            last.set(e.getMessage());
            return false;
          }
          last.set("it answered " + answer.status() + ": " + shown(answer.body()));
          if (answer.status() != http.status()
              || (http.bodyContains() != null && !answer.body().contains(http.bodyContains()))) {
            return false;
          }
          body.set(answer.body().trim());
          return true;
        },
        last::get);
    return body.get();
  }

  private static String expectedBody(Action.Http http) {
    return http.bodyContains() == null ? "" : " with '" + http.bodyContains() + "' in the body";
  }

  private static String shown(String body) {
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + " …";
  }
}
