package dev.fluxlab.embedded.source;

import dev.fluxlab.embedded.reconciler.Maps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.semver4j.Semver;

/**
 * Fetches one GitRepository reference into a bare mirror kept between reconciles (only new objects
 * travel) and resolves it to a commit, naming the revision as Flux does.
 */
final class GitFetcher implements AutoCloseable {
  record Credentials(String username, String password) {}

  /** The fetched commit and its Flux revision string. */
  record Resolved(ObjectId commitId, String revision) {
    String commit() {
      return commitId.name();
    }
  }

  /** A failed fetch with the Flux condition reason to report. */
  static final class FetchException extends RuntimeException {
    private final String reason;

    FetchException(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  /** JGit's message for a fetch of a ref the remote does not have. */
  private static final Pattern MISSING_REF =
      Pattern.compile("Remote does not have (\\S+) available for fetch");

  private final Repository repo;

  GitFetcher(Path mirror) {
    try {
      Files.createDirectories(mirror);
      repo = new FileRepositoryBuilder().setGitDir(mirror.toFile()).setBare().build();
      if (!Files.exists(mirror.resolve("HEAD"))) {
        repo.create(true);
      }
    } catch (IOException e) {
      throw new FetchException(
          "StorageOperationFailed", "cannot open git mirror: " + e.getMessage());
    }
  }

  Repository repository() {
    return repo;
  }

  Resolved fetch(String url, Map<String, Object> ref, Credentials credentials, Duration timeout) {
    String commit = Maps.string(ref, "commit");
    String tag = Maps.string(ref, "tag");
    String semver = Maps.string(ref, "semver");
    String name = Maps.string(ref, "name");
    // Flux's default reference is the master branch; fluxlab's objects always name one.
    String branch = Maps.stringOr(ref, commit == null ? "master" : null, "branch");
    String wanted;
    String refSpec;
    if (semver != null) {
      wanted = "refs/tags/*";
      refSpec = "+refs/tags/*:refs/tags/*";
    } else if (tag != null) {
      wanted = "refs/tags/" + tag;
      refSpec = "+" + wanted + ":" + wanted;
    } else if (name != null) {
      wanted = name;
      refSpec = "+" + name + ":" + name;
    } else if (branch != null) {
      wanted = "refs/heads/" + branch;
      refSpec = "+" + wanted + ":" + wanted;
    } else {
      wanted = "refs/heads/*";
      refSpec = "+refs/heads/*:refs/heads/*";
    }
    try (Git git = new Git(repo)) {
      var fetch =
          git.fetch()
              .setRemote(url)
              .setRefSpecs(new RefSpec(refSpec))
              .setRemoveDeletedRefs(true)
              .setTimeout((int) Math.max(1, timeout.toSeconds()));
      if (credentials != null) {
        fetch.setCredentialsProvider(
            new UsernamePasswordCredentialsProvider(
                credentials.username(), credentials.password()));
      }
      var result = fetch.call();
      if (!wanted.endsWith("*") && result.getAdvertisedRef(wanted) == null) {
        throw cloneFailure(url, "couldn't find remote ref \"" + wanted + "\"");
      }
      if (commit != null) {
        ObjectId id = ObjectId.fromString(commit);
        try (RevWalk walk = new RevWalk(repo)) {
          walk.parseCommit(id);
        } catch (IOException e) {
          throw cloneFailure(
              url, "failed to resolve commit object for '" + commit + "': object not found");
        }
        return new Resolved(id, (branch != null ? branch + "@" : "") + "sha1:" + commit);
      }
      if (semver != null) {
        return latestTagMatching(url, semver);
      }
      ObjectId id = peel(repo.exactRef(wanted));
      String shortName = tag != null ? tag : name != null ? name : branch;
      return new Resolved(id, shortName + "@sha1:" + id.name());
    } catch (TransportException e) {
      throw cloneFailure(url, describeTransport(e));
    } catch (GitAPIException | IOException | IllegalArgumentException e) {
      throw cloneFailure(url, e.getMessage());
    }
  }

  private Resolved latestTagMatching(String url, String range) throws IOException {
    List<Ref> tags = repo.getRefDatabase().getRefsByPrefix("refs/tags/");
    Optional<Map.Entry<Semver, Ref>> best =
        tags.stream()
            .map(r -> Map.entry(Optional.ofNullable(Semver.coerce(r.getName().substring(10))), r))
            .filter(e -> e.getKey().isPresent() && e.getKey().get().satisfies(range))
            .map(e -> Map.entry(e.getKey().get(), e.getValue()))
            .max(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    if (best.isEmpty()) {
      throw cloneFailure(url, "no match found for semver: " + range);
    }
    Ref ref = best.get().getValue();
    ObjectId id = peel(ref);
    return new Resolved(id, ref.getName().substring(10) + "@sha1:" + id.name());
  }

  private ObjectId peel(Ref ref) throws IOException {
    Ref peeled = repo.getRefDatabase().peel(ref);
    return peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
  }

  private static String describeTransport(TransportException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    // JGit refuses a fetch of a ref the remote does not advertise before we can check it ourselves.
    Matcher missing = MISSING_REF.matcher(m);
    if (missing.find()) {
      return "couldn't find remote ref \"" + missing.group(1) + "\"";
    }
    if (m.contains("not authorized")
        || m.contains("Authentication is required")
        || m.contains("401")) {
      return "authentication required";
    }
    if (m.contains("not found") || m.contains("404")) {
      return "repository not found";
    }
    return m.replaceFirst("^\\S+: ", "");
  }

  private static FetchException cloneFailure(String url, String detail) {
    return new FetchException(
        "GitOperationFailed",
        "failed to checkout and determine revision: unable to clone '" + url + "': " + detail);
  }

  @Override
  public void close() {
    repo.close();
  }
}
