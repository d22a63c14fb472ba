package dev.fluxlab.embedded.source;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Controller;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.util.GoDuration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * source-controller's GitRepository reconciler: fetches {@code spec.ref} from {@code spec.url}
 * (with the basic-auth {@code secretRef}), stores the tree minus ignored files as the artifact and
 * reports the revision as {@code <ref>@sha1:<commit>}.
 */
public final class GitRepositoryController implements Controller {
  static final String COMPONENT = "source-controller";
  private static final ApiResource TYPE = FluxCrds.GIT_REPOSITORY;

  private final ClusterContext ctx;
  private final SourceStatus sourceStatus;

  /** The spec.ignore each artifact was written with: a change needs a new artifact. */
  private final Map<String, String> lastIgnore = new ConcurrentHashMap<>();

  public GitRepositoryController(ClusterContext ctx) {
    this.ctx = ctx;
    this.sourceStatus = new SourceStatus(ctx, TYPE, COMPONENT);
  }

  @Override
  public ApiResource type() {
    return TYPE;
  }

  @Override
  public Duration reconcile(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    Duration interval = GoDuration.parse(Maps.stringOr(spec, "1m", "interval"));
    String ns = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    String url = Maps.string(spec, "url");
    try {
      Artifact stored = fetchArtifact(obj, ns, name, url, spec);
      String message = "stored artifact for revision '" + stored.revision() + "'";
      sourceStatus.stored(obj, stored, message, status -> {});
    } catch (GitFetcher.FetchException e) {
      sourceStatus.fetchFailed(obj, e.reason(), e.getMessage());
    }
    return interval;
  }

  /**
   * Fetches the reference; writes a new artifact only when the revision or ignore rules changed.
   */
  private Artifact fetchArtifact(
      GenericKubernetesResource obj, String ns, String name, String url, Map<String, Object> spec) {
    GitFetcher.Credentials credentials = credentials(ns, spec);
    try (GitFetcher fetcher =
        new GitFetcher(ctx.artifacts().workDir(TYPE.kind(), ns, name).resolve("mirror.git"))) {
      GitFetcher.Resolved resolved =
          fetcher.fetch(url, Maps.map(spec, "ref"), credentials, timeout(spec));
      Artifact current = ctx.artifacts().get(TYPE.kind(), ns, name).orElse(null);
      String ignore = Maps.stringOr(spec, "", "ignore");
      if (current != null
          && current.revision().equals(resolved.revision())
          && ignore.equals(lastIgnore.getOrDefault(ns + "/" + name, ""))) {
        return current;
      }
      Path location =
          ctx.artifacts()
              .newLocation(TYPE.kind(), ns, name, resolved.commit() + "-" + System.nanoTime());
      GitCheckout.Written written =
          GitCheckout.write(fetcher.repository(), resolved.commitId(), List.of(ignore), location);
      Artifact artifact =
          new Artifact(
              resolved.revision(),
              written.digest(),
              "gitrepository/" + ns + "/" + name + "/" + resolved.commit() + ".tar.gz",
              location,
              StatusWriter.now());
      ctx.artifacts().put(TYPE.kind(), ns, name, artifact);
      lastIgnore.put(ns + "/" + name, ignore);
      ctx.events()
          .normal(
              obj,
              COMPONENT,
              "NewArtifact",
              "stored artifact for commit '" + written.subject() + "'");
      return artifact;
    }
  }

  private GitFetcher.Credentials credentials(String ns, Map<String, Object> spec) {
    String secretName = Maps.string(spec, "secretRef", "name");
    if (secretName == null) {
      return null;
    }
    Secret secret = ctx.client().secrets().inNamespace(ns).withName(secretName).get();
    if (secret == null) {
      throw new GitFetcher.FetchException(
          "AuthenticationFailed",
          "failed to get secret '"
              + ns
              + "/"
              + secretName
              + "': secrets \""
              + secretName
              + "\" not found");
    }
    return new GitFetcher.Credentials(decode(secret, "username"), decode(secret, "password"));
  }

  private static String decode(Secret secret, String key) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    String v = secret.getData() == null ? null : secret.getData().get(key);
    return v == null ? "" : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
  }

  private static Duration timeout(Map<String, Object> spec) {
    return GoDuration.parse(Maps.stringOr(spec, "60s", "timeout"));
  }

  @Override
  public void deleted(GenericKubernetesResource lastKnown) {
    ctx.artifacts()
        .remove(
            TYPE.kind(), lastKnown.getMetadata().getNamespace(), lastKnown.getMetadata().getName());
    ctx.events().forget(lastKnown);
  }
}
