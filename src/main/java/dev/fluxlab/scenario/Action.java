package dev.fluxlab.scenario;

import java.time.Duration;

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
      String message)
      implements Action {}

  /** Requests a reconcile (like {@code flux reconcile}) and waits until it was handled. */
  record Reconcile(ObjectRef target) implements Action {}

  /**
   * Checks an object: {@code wait} until the expectation holds, or {@code assert} it holds now;
   * with {@code during}, it must keep holding for that long.
   */
  record Check(ObjectRef target, Expectation expectation, boolean waitFor, Duration during)
      implements Action {}

  /** Changes a field of a live object, as someone with kubectl would. */
  record ChangeObject(ObjectRef target, String path, Object value) implements Action {}

  /** Deletes a live object. */
  record DeleteObject(ObjectRef target) implements Action {}

  /** Suspends or resumes a Flux object. */
  record Suspend(ObjectRef target, boolean suspend) implements Action {}
}
