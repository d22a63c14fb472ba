package dev.fluxlab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What one scenario step does. */
public sealed interface Action {
  /** Edits a file in a repository, then commits and pushes. */
  record EditFile(
      String repository,
      String file,
      String setPath,
      String setValue,
      String replaceText,
      String replaceWith,
      String content,
      boolean delete,
      boolean revert,
      String message,
      Encryption encrypt)
      implements Action {
    /** How new content is SOPS-encrypted before the commit. */
    public enum Encryption {
      /** Not: committed as given. */
      NONE,
      /** For the environment's age key, which every cluster's sops-age Secret holds. */
      ENVIRONMENT,
      /** For a fresh age key that is thrown away at once: what no cluster can decrypt. */
      OTHER_KEY
    }
  }

  /** Requests a reconcile (like {@code flux reconcile}) and waits until it was handled. */
  record Reconcile(ObjectRef target) implements Action {}

  /**
   * Checks an object: {@code wait} until the expectation holds, or {@code assert} it holds now;
   * {@code error} (negated) that no target object is in that state; with {@code during}, it must
   * keep so for that long.
   */
  record Check(
      ObjectRef target, Expectation expectation, boolean waitFor, Duration during, boolean negated)
      implements Action {
    public Check(ObjectRef target, Expectation expectation, boolean waitFor, Duration during) {
      this(target, expectation, waitFor, during, false);
    }
  }

  /** Changes a field of a live object, as someone with kubectl would. */
  record ChangeObject(ObjectRef target, String path, Object value) implements Action {}

  /** Deletes a live object. */
  record DeleteObject(ObjectRef target) implements Action {}

  /** Suspends or resumes a Flux object. */
  record Suspend(ObjectRef target, boolean suspend) implements Action {}

  /**
   * Creates or updates the objects of a manifest, like {@code kubectl apply}; what it created is
   * deleted when the scenario ends, in reverse order.
   *
   * @param documents the manifest's objects, each with apiVersion, kind and metadata.name
   * @param namespace the namespace of objects that name none, or null for "default"
   */
  record Apply(List<Map<String, Object>> documents, String namespace) implements Action {
    public Apply {
      documents = List.copyOf(documents);
    }
  }

  /** Merges a subtree into a live object (a JSON merge patch: null removes a field). */
  record Patch(ObjectRef target, Map<String, Object> merge) implements Action {}

  /**
   * Runs a shell script ({@code sh -c}) or a command, once per cluster, with the cluster's
   * KUBECONFIG and the git server in its environment; checks its exit code and output.
   *
   * @param command the program and its arguments, or null for {@code script}
   * @param output a binding name that receives the trimmed stdout, or null
   */
  record Run(
      List<String> command,
      String script,
      int exitCode,
      String stdoutContains,
      String stderrContains,
      String output)
      implements Action {}

  /**
   * Sends {@code GET path} to a Service through the cluster's API server, once per cluster, until
   * the answer has the expected status and body or the step's timeout passes.
   *
   * @param namespace the Service's namespace
   * @param service the Service's name
   * @param port the Service port by name or number, or null for its only port
   * @param bodyContains text the body must contain, or null
   * @param output a binding name that receives the trimmed body, or null
   */
  record Http(
      String namespace,
      String service,
      String port,
      String path,
      int status,
      String bodyContains,
      String output)
      implements Action {}

  /**
   * try/catch/finally: the try steps run until one fails; then the default collectors and every
   * catch step run; every finally step runs in any case. A failed catch or finally step fails the
   * block too, and the steps after it still run.
   */
  record Block(List<Step> tries, List<Step> catches, List<Step> finals) implements Action {
    public Block {
      tries = List.copyOf(tries);
      catches = List.copyOf(catches);
      finals = List.copyOf(finals);
    }
  }

  /**
   * A collector: prints objects ({@code get}) or the events of a namespace or object ({@code
   * events}) into the step's output (and the JUnit report). Fails when a named object is missing.
   */
  record Collect(ObjectRef target, boolean events) implements Action {}

  /**
   * A collector: prints the logs of the pods of a namespace into the step's output, each container
   * headed by pod and container; a pod that runs no container gets a line saying why. Fails when no
   * pod matches.
   *
   * @param name one pod, or null
   * @param selector a label selector instead of a name, or null (neither: every pod)
   * @param container only this container, or null for every container of the pod
   * @param tail only the last lines of each log, or null for all of it
   */
  record Logs(String namespace, String name, String selector, String container, Integer tail)
      implements Action {
    /** What the step selects, for its default name and messages: "pod ns/name", "pods ns (sel)". */
    public String describe() {
      if (name != null) {
        return "pod " + namespace + "/" + name;
      }
      return "pods " + namespace + (selector != null ? " (" + selector + ")" : "");
    }
  }
}
