package dev.fluxlab.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's working tree is pushed as git stores it: links stay links, never their targets. */
class GitWorkspaceSymlinkTest {
  private static final String HOST_SECRET = "host-only-content";

  @Test
  void symlinksArePushedAsLinksAndTheirTargetsAreNeverRead(
      @TempDir Path tree, @TempDir Path outside, @TempDir Path remote, @TempDir Path work)
      throws Exception {
    Path secret = Files.writeString(outside.resolve("shadow"), HOST_SECRET);
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/file.yaml"), HOST_SECRET);
    Files.writeString(tree.resolve("app.yaml"), "kind: ConfigMap\n");
    Files.createSymbolicLink(tree.resolve("shadow-link"), secret);
    Files.createSymbolicLink(tree.resolve("dir-link"), outside.resolve("dir"));
    Files.createSymbolicLink(tree.resolve("inside-link"), Path.of("app.yaml"));
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();

    try (GitWorkspace ws =
        GitWorkspace.init(
            remote.toUri().toString(), new Credentials("u", "p"), work.resolve("ws"))) {
      ws.copyFrom(tree);
      ws.commitAndPush("seed");
    }

    Map<String, FileMode> modes = new HashMap<>();
    Map<String, String> contents = new HashMap<>();
    try (Git git = Git.open(remote.toFile());
        RevWalk walk = new RevWalk(git.getRepository());
        TreeWalk tw = new TreeWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      tw.addTree(walk.parseCommit(repo.resolve("refs/heads/main")).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        modes.put(tw.getPathString(), tw.getFileMode(0));
        contents.put(
            tw.getPathString(),
            new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(modes)
        .containsEntry("app.yaml", FileMode.REGULAR_FILE)
        .containsEntry("shadow-link", FileMode.SYMLINK)
        .containsEntry("dir-link", FileMode.SYMLINK)
        .containsEntry("inside-link", FileMode.SYMLINK)
        .hasSize(4);
    assertThat(contents.get("shadow-link")).isEqualTo(secret.toString());
    assertThat(contents.get("inside-link")).isEqualTo("app.yaml");
    assertThat(contents.values()).noneMatch(c -> c.contains(HOST_SECRET));
  }

  @Test
  void copyingATreeNeverFollowsALinkToADirectory(@TempDir Path tree, @TempDir Path outside)
      throws IOException {
    Files.writeString(outside.resolve("file"), HOST_SECRET);
    Files.createSymbolicLink(tree.resolve("dir-link"), outside);
    Path copy = tree.getParent().resolve(tree.getFileName() + "-copy");
    try {
      dev.fluxlab.util.Files2.copyTree(tree, copy);

      assertThat(Files.isSymbolicLink(copy.resolve("dir-link"))).isTrue();
      assertThat(Files.readSymbolicLink(copy.resolve("dir-link"))).isEqualTo(outside);
    } finally {
      dev.fluxlab.util.Files2.deleteRecursively(copy);
    }
  }
}
