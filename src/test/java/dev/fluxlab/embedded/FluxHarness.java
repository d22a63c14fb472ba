package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.ReconcileLoop;
import dev.fluxlab.git.EmbeddedGitServer;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.util.Files2;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * One embedded cluster with fluxlab's controllers and a git server, for tests of single reconciler
 * rules: push files, create Flux objects, read their Ready condition.
 */
public final class FluxHarness implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  public static final String NS = "flux-system";

  private final Path dir;
  private final Credentials credentials = Credentials.generate("fluxlab");
  private final EmbeddedGitServer git;
  private final EmbeddedCluster cluster;
  private final ReconcileLoop loop;

  public FluxHarness(Path dir) {
    this(dir, Lockdown.NONE);
  }

  /** With the controllers' multi-tenancy lockdown flags set. */
  public FluxHarness(Path dir, Lockdown lockdown) {
    this(dir, lockdown, RegistryRoute.NONE);
  }

  /** With OCIRepositories reaching the environment's registry as {@code registry} says. */
  public FluxHarness(Path dir, RegistryRoute registry) {
    this(dir, Lockdown.NONE, registry);
  }

  private FluxHarness(Path dir, Lockdown lockdown, RegistryRoute registry) {
    this.dir = dir;
    this.git = new EmbeddedGitServer(dir.resolve("git"), credentials).start(0, "/charts", null);
    this.cluster = WarmClusters.take();
    this.loop =
        EmbeddedFlux.startControllers(
            cluster, dir.resolve("cluster"), "kubectl", Map.of(), lockdown, registry);
  }

  public KubernetesClient client() {
    return cluster.client();
  }

  public EmbeddedCluster cluster() {
    return cluster;
  }

  public String repoUrl(String repo) {
    return git.cloneUrl("test", repo);
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Commits files (path to content; null deletes) to a repository and pushes. */
  public String push(String repo, Map<String, String> files) {
    Path work = dir.resolve("ws-" + UUID.randomUUID());
    GitWorkspace ws =
        git.repositoryExists("test", repo)
            ? GitWorkspace.clone(repoUrl(repo), credentials, work)
            : GitWorkspace.init(repoUrl(repo), credentials, work);
    try (ws) {
      files.forEach(
          (path, content) -> {
            if (content == null) {
              ws.delete(path);
            } else {
              ws.write(path, content);
            }
          });
      return ws.commitAndPush("test commit");
    }
  }

  /** Puts an annotated tag on the head of main and pushes it; returns the tagged commit. */
  public String tag(String repo, String tag) {
    Path work = dir.resolve("tag-" + UUID.randomUUID());
    var auth =
        new UsernamePasswordCredentialsProvider(credentials.username(), credentials.password());
    try (Git git =
        Git.cloneRepository()
            .setURI(repoUrl(repo))
            .setDirectory(work.toFile())
            .setBranch("main")
            .setCredentialsProvider(auth)
            .call()) {
      git.tag()
          .setName(tag)
          .setAnnotated(true)
          .setSigned(false)
          .setMessage("release " + tag)
          .setTagger(new PersonIdent("test", "test@localhost"))
          .call();
      git.push()
          .setRemote(repoUrl(repo))
          .setRefSpecs(new RefSpec("refs/tags/" + tag + ":refs/tags/" + tag))
          .setCredentialsProvider(auth)
          .call();
      return git.getRepository().resolve("HEAD").name();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot tag " + repo + " with " + tag, e);
    } finally {
      Files2.deleteRecursively(work);
    }
  }

  /** A GitRepository for {@code repo} on branch main, with the credentials Secret. */
  public void gitRepository(String name, String repo) {
    gitRepository(NS, name, repo);
  }

  /** A GitRepository in namespace {@code ns}. */
  public void gitRepository(String ns, String name, String repo) {
    client()
        .secrets()
        .inNamespace(ns)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName(name + "-auth")
                .endMetadata()
                .addToStringData("username", credentials.username())
                .addToStringData("password", credentials.password())
                .build())
        .createOr(s -> s.update());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("url", repoUrl(repo));
    spec.put("ref", Map.of("branch", "main"));
    spec.put("secretRef", Map.of("name", name + "-auth"));
    create(FluxKind.GIT_REPOSITORY, ns, name, spec);
  }

  /** A Kustomization of {@code path} from GitRepository {@code source}, prune on, plus extras. */
  public void kustomization(String name, String source, String path, Map<String, Object> extra) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("path", path);
    spec.put("prune", true);
    spec.put("sourceRef", Map.of("kind", "GitRepository", "name", source));
    spec.putAll(extra);
    create(FluxKind.KUSTOMIZATION, name, spec);
  }

  public void create(FluxKind kind, String name, Map<String, Object> spec) {
    create(kind, NS, name, spec);
  }

  public void create(FluxKind kind, String ns, String name, Map<String, Object> spec) {
    GenericKubernetesResource obj =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(kind.apiVersion())
            .withKind(kind.kind())
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    client().genericKubernetesResources(kind.apiVersion(), kind.kind()).resource(obj).create();
  }

  public GenericKubernetesResource get(FluxKind kind, String name) {
    return get(kind, NS, name);
  }

  public GenericKubernetesResource get(FluxKind kind, String ns, String name) {
    return client()
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(ns)
        .withName(name)
        .get();
  }

  public Map<String, Object> status(FluxKind kind, String name) {
    return status(kind, NS, name);
  }

  public Map<String, Object> status(FluxKind kind, String ns, String name) {
    GenericKubernetesResource obj = get(kind, ns, name);
    return obj == null ? Map.of() : Maps.map(obj.getAdditionalProperties(), "status");
  }

  public Condition ready(FluxKind kind, String name) {
    return ready(kind, NS, name);
  }

  public Condition ready(FluxKind kind, String ns, String name) {
    return Condition.read(status(kind, ns, name), Condition.READY);
  }

  /** Waits until the Ready condition has this status and reason. */
  public Condition awaitReady(FluxKind kind, String name, String status, String reason) {
    return awaitReady(kind, NS, name, status, reason);
  }

  /** Waits until the Ready condition of {@code ns/name} has this status and reason. */
  public Condition awaitReady(FluxKind kind, String ns, String name, String status, String reason) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(kind, ns, name))
                    .as(kind.kind() + " " + ns + "/" + name + " Ready condition")
                    .isNotNull()
                    .extracting(Condition::status, Condition::reason)
                    .containsExactly(status, reason));
    return ready(kind, ns, name);
  }

  /** Requests a reconcile and waits until it was handled. */
  public void reconcile(FluxKind kind, String name) {
    reconcile(kind, NS, name);
  }

  /** Requests a reconcile of {@code ns/name} and waits until it was handled. */
  public void reconcile(FluxKind kind, String ns, String name) {
    String stamp = Instant.now().toString() + UUID.randomUUID();
    client()
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(ns)
        .withName(name)
        .unlock()
        .edit(
            o -> {
              Map<String, String> a = new LinkedHashMap<>();
              if (o.getMetadata().getAnnotations() != null) {
                a.putAll(o.getMetadata().getAnnotations());
              }
              a.put("reconcile.fluxcd.io/requestedAt", stamp);
              o.getMetadata().setAnnotations(a);
              return o;
            });
    await()
        .atMost(TIMEOUT)
        .until(() -> stamp.equals(status(kind, ns, name).get("lastHandledReconcileAt")));
  }

  public void suspend(FluxKind kind, String name, boolean suspend) {
    client()
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(NS)
        .withName(name)
        .unlock()
        .edit(
            o -> {
              Map<String, Object> spec = new LinkedHashMap<>(Maps.spec(o));
              spec.put("suspend", suspend);
              o.getAdditionalProperties().put("spec", spec);
              return o;
            });
  }

  @Override
  public void close() {
    loop.close();
    cluster.close();
    git.close();
  }
}
