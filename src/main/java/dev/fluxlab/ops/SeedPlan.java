package dev.fluxlab.ops;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Layout;
import dev.fluxlab.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code deploy} pushes and what each cluster syncs: the repositories (name to source
 * directory), the one every cluster's {@code flux-system} GitRepository tracks, each cluster's path
 * in it, the seeded files pushed SOPS-encrypted, and the tenants that get a git identity of their
 * own (tenant to the repositories it owns).
 */
public record SeedPlan(
    Map<String, Path> repositories,
    String syncRepository,
    Map<String, String> clusterPaths,
    List<FileEdit> edits,
    List<EncryptedFile> encrypted,
    Map<String, List<String>> tenants) {

  public static final String FLEET_REPOSITORY = "fleet";

  /** The multi-cluster fixture's Secret, committed in plain text, pushed SOPS-encrypted. */
  public static final String FIXTURE_SOPS_SECRET = "infrastructure/base/cluster-secrets.yaml";

  public SeedPlan {
    repositories = new LinkedHashMap<>(repositories);
    clusterPaths = new LinkedHashMap<>(clusterPaths);
    edits = List.copyOf(edits);
    encrypted = List.copyOf(encrypted);
    tenants = new LinkedHashMap<>(tenants);
  }

  /** A plan that encrypts nothing and has no tenants: every repository is the platform's. */
  public SeedPlan(
      Map<String, Path> repositories,
      String syncRepository,
      Map<String, String> clusterPaths,
      List<FileEdit> edits) {
    this(repositories, syncRepository, clusterPaths, edits, List.of(), Map.of());
  }

  /** A YAML field set in a seeded file before the first commit. */
  public record FileEdit(String repository, String file, String yamlPath, String value) {}

  /**
   * A seeded file SOPS-encrypted for the environment's age key before the first commit, so that the
   * private key never has to be committed and the git server holds only ciphertext.
   */
  public record EncryptedFile(String repository, String file) {}

  /** The fixture of the settings' layout; every cluster syncs {@code clusters/<name>}. */
  public static SeedPlan fixture(Settings settings) {
    Path fixture = Fixtures.get(settings.layout().id());
    Map<String, Path> repositories = new LinkedHashMap<>();
    Path platform;
    Map<String, List<String>> tenants = new LinkedHashMap<>();
    if (settings.layout() == Layout.MULTI_TENANCY) {
      platform = fixture.resolve("platform");
      repositories.put(FLEET_REPOSITORY, platform);
      repositories.put(
          Podinfo.FIRST_TENANT, fixture.resolve("tenants").resolve(Podinfo.FIRST_TENANT));
      tenants.put(Podinfo.FIRST_TENANT, List.of(Podinfo.FIRST_TENANT));
    } else {
      platform = fixture;
      repositories.put(FLEET_REPOSITORY, platform);
    }
    Map<String, String> paths = new LinkedHashMap<>();
    for (String cluster : settings.clusters()) {
      String path = "clusters/" + cluster;
      if (!Files.isDirectory(platform.resolve(path))) {
        throw new InvalidInputException(
            "setting 'clusters': the "
                + settings.layout().id()
                + " fixture has no directory "
                + path
                + " (it has: "
                + listClusters(platform)
                + ")");
      }
      paths.put(cluster, path);
    }
    Podinfo podinfo = Podinfo.of(settings.layout());
    FileEdit startVersion =
        new FileEdit(
            podinfo.repository(),
            podinfo.releaseFile(),
            Podinfo.VERSION_PATH,
            settings.podinfoStartVersion());
    List<EncryptedFile> encrypted =
        settings.layout() == Layout.MULTI_CLUSTER
            ? List.of(new EncryptedFile(FLEET_REPOSITORY, FIXTURE_SOPS_SECRET))
            : List.of();
    return new SeedPlan(
        repositories, FLEET_REPOSITORY, paths, List.of(startVersion), encrypted, tenants);
  }

  /** A user's own repository: one cluster, named after the last element of {@code path}. */
  public static SeedPlan userRepository(Path repo, String path) {
    if (!Files.isDirectory(repo)) {
      throw new InvalidInputException("--repo " + repo + ": not a directory");
    }
    String clean = clusterPath(repo, path);
    String cluster =
        Path.of(clean).getFileName().toString().toLowerCase().replaceAll("[^a-z0-9-]", "-");
    if (!cluster.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new InvalidInputException(
          "--path "
              + path
              + ": its last element names the cluster, and '"
              + cluster
              + "' is not a valid cluster name (letters, digits and '-')");
    }
    return new SeedPlan(
        Map.of(FLEET_REPOSITORY, repo), FLEET_REPOSITORY, Map.of(cluster, clean), List.of());
  }

  /**
   * A user's own repository with several clusters, one per path ({@link ClusterPaths} turns the
   * command line's {@code --path}/{@code --all-clusters} into this map). Each path is checked as
   * {@link #userRepository(Path, String)} checks it; an explicit name replaces the derived one.
   *
   * @param namedPaths cluster name (null: named after the path) to path, in order
   */
  public static SeedPlan userRepository(Path repo, List<ClusterPaths.Entry> namedPaths) {
    Map<String, String> clusters = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    for (ClusterPaths.Entry entry : namedPaths) {
      Map.Entry<String, String> derived =
          userRepository(repo, entry.path()).clusterPaths().entrySet().iterator().next();
      String cluster = entry.name() == null ? derived.getKey() : entry.name();
      String previous = origin.putIfAbsent(cluster, entry.option());
      if (previous != null) {
        throw new InvalidInputException(
            previous
                + " and "
                + entry.option()
                + " both make cluster '"
                + cluster
                + "' (name one: --path NAME=PATH)");
      }
      clusters.put(cluster, derived.getValue());
    }
    if (clusters.isEmpty()) {
      throw new InvalidInputException("--repo needs --path or --all-clusters");
    }
    return new SeedPlan(Map.of(FLEET_REPOSITORY, repo), FLEET_REPOSITORY, clusters, List.of());
  }

  /**
   * The cluster directory as Flux's {@code spec.path} takes it: relative, inside the repository
   * (also after following links), and not the repository root itself.
   */
  private static String clusterPath(Path repo, String path) {
    if (path.isBlank() || path.startsWith("/")) {
      throw new InvalidInputException(
          "--path " + path + ": must be relative to --repo, e.g. clusters/staging");
    }
    Path relative = Path.of(path).normalize();
    String clean = relative.toString();
    if (clean.isEmpty() || clean.equals(".")) {
      throw new InvalidInputException(
          "--path "
              + path
              + ": names the repository root; give the cluster directory, e.g. clusters/staging");
    }
    if (relative.startsWith("..")) {
      throw new InvalidInputException("--path " + path + ": leaves the repository " + repo);
    }
    Path dir = repo.resolve(clean);
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("--path " + path + ": no such directory in " + repo);
    }
    try {
      if (!dir.toRealPath().startsWith(repo.toRealPath())) {
        throw new InvalidInputException(
            "--path " + path + ": is a link that leaves the repository " + repo);
      }
    } catch (java.io.IOException e) {
      throw new InvalidInputException("--path " + path + ": " + e.getMessage());
    }
    return clean;
  }

  public List<String> clusters() {
    return List.copyOf(clusterPaths.keySet());
  }

  private static String listClusters(Path source) {
    try (var dirs = Files.list(source.resolve("clusters"))) {
      return String.join(", ", dirs.map(p -> p.getFileName().toString()).sorted().toList());
    } catch (java.io.IOException e) {
      return "no clusters/ directory";
    }
  }
}
