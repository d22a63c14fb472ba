package dev.fluxlab.git;

/** Told after a push was accepted: what a Flux Receiver webhook would be told by the git server. */
@FunctionalInterface
public interface PushListener {
  void pushed(String owner, String repository);
}
