package dev.fluxlab.diff;

import dev.fluxlab.ops.Fixtures;
import dev.fluxlab.util.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A git repository with the two commits a reviewer sees in a pull request, on the multi-cluster
 * fixture (clusters staging and production): the base adds an app {@code legacy} to staging; the
 * head changes staging's podinfo values, removes {@code legacy} and makes production's apps depend
 * on a Kustomization that does not exist.
 */
final class FleetHistory {
  static final String LEGACY_SYNC =
      """
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata:
        name: legacy
        namespace: flux-system
      spec:
        interval: 1m
        sourceRef:
          kind: GitRepository
          name: flux-system
        path: ./apps/legacy
        prune: true
      """;
  static final String LEGACY_APP =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: legacy
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: legacy-settings
        namespace: legacy
      data:
        mode: old
      """;

  private FleetHistory() {}

  /** Writes the repository into {@code dir}: main has the base commit, HEAD the head commit. */
  static void write(Path dir) throws IOException, GitAPIException {
    Files2.copyTree(Fixtures.get("multi-cluster"), dir);
    Files.writeString(dir.resolve("clusters/staging/legacy.yaml"), LEGACY_SYNC);
    Files.createDirectories(dir.resolve("apps/legacy"));
    Files.writeString(dir.resolve("apps/legacy/app.yaml"), LEGACY_APP);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      commit(git, "Base: two clusters, staging runs legacy");
      git.checkout().setCreateBranch(true).setName("change").call();
      replace(dir, "apps/staging/podinfo-values.yaml", "Hello from staging", "Hi from staging");
      Files.delete(dir.resolve("clusters/staging/legacy.yaml"));
      replace(
          dir,
          "clusters/production/apps.yaml",
          "    - name: infrastructure\n",
          "    - name: infrastructure\n    - name: monitoring\n");
      commit(git, "Head: new staging message, legacy removed, production apps need monitoring");
    }
  }

  private static void replace(Path dir, String file, String from, String to) throws IOException {
    Path p = dir.resolve(file);
    String text = Files.readString(p);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain " + from);
    }
    Files.writeString(p, text.replace(from, to));
  }

  private static void commit(Git git, String message) throws GitAPIException {
    PersonIdent who = new PersonIdent("test", "test@localhost");
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }
}
