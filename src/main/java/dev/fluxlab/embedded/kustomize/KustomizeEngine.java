package dev.fluxlab.embedded.kustomize;

import java.nio.file.Path;
import java.util.Map;

/** Runs one kustomize build; {@link KustomizeBuilder} decides what to build and caches results. */
interface KustomizeEngine extends AutoCloseable {
  /**
   * @param root the artifact root (real path); nothing outside it may be read
   * @param dir the directory to build, relative to {@code root}
   * @param overlay files laid over the artifact for this build only (relative to {@code root})
   * @return the rendered YAML stream
   * @throws BuildException with kustomize's message when the build fails
   */
  String build(Path root, String dir, Map<String, String> overlay);

  /** What the engine is, for the log ("kustomize-builder (2 processes)"). */
  String describe();

  @Override
  void close();
}
