package dev.fluxlab.cli;

import dev.fluxlab.config.DockerSettings;
import dev.fluxlab.config.Settings;
import dev.fluxlab.config.SettingsException;
import dev.fluxlab.config.SettingsLoader;
import dev.fluxlab.embedded.kube.KubeBinaries;
import dev.fluxlab.sops.SopsBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code fluxlab --version}: fluxlab's version and, per backend, the version of each component it
 * runs (Flux, Kubernetes, the git server / Gitea) and where that component comes from, for the
 * settings in effect (built-in, {@code ./set-env.properties}, {@code FLUXLAB_*} variables).
 */
public final class VersionProvider implements IVersionProvider {
  private final Map<String, String> environment;

  public VersionProvider() {
    this(System.getenv());
  }

  VersionProvider(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String[] getVersion() {
    Properties build = buildInfo();
    List<String> lines = new ArrayList<>();
    lines.add("fluxlab " + build.getProperty("fluxlab.version", "development build"));
    lines.add(
        "Java "
            + Runtime.version()
            + " ("
            + System.getProperty("java.home")
            + "), kubectl "
            + onPath("kubectl").map(Path::toString).orElse("not found on the PATH (needed)"));
    Settings settings = settings(lines);
    lines.add("embedded backend (no Docker; nothing downloaded):");
    lines.add(
        "  Flux        fluxlab's own reconcilers for Flux's v2 APIs"
            + " (source v1, kustomize v1, helm v2)");
    lines.add(
        "  Kubernetes  etcd "
            + KubeBinaries.ETCD_VERSION
            + ", kube-apiserver and kube-controller-manager "
            + KubeBinaries.KUBE_VERSION
            + " as local processes: "
            + KubeBinaries.find()
                .map(b -> b.apiServer().getParent().getParent().toString())
                .orElse("not built yet (scripts/ensure-kube-binaries builds them)"));
    lines.add(
        "  SOPS        sops "
            + SopsBinary.VERSION
            + ": "
            + SopsBinary.find()
                .map(Path::toString)
                .orElse("not built yet (scripts/ensure-kube-binaries builds it)"));
    lines.add(
        "  git server  JGit "
            + build.getProperty("jgit.version", "?")
            + " smart HTTP; Helm: helm-java "
            + build.getProperty("helm-java.version", "?")
            + " (bundled)");
    DockerSettings docker = settings.docker();
    lines.add(
        "docker backend (Testcontainers "
            + build.getProperty("testcontainers.version", "?")
            + "; images are never pulled by backend=auto):");
    lines.add("  Gitea       image " + docker.giteaImage() + " (image.gitea)");
    lines.add("  registry    image " + docker.registryImage() + " (image.registry)");
    lines.add("  Kubernetes  " + kubernetes(docker));
    lines.add("  Flux        " + flux(docker));
    lines.add(
        "  binaries    "
            + cacheDir().resolve("real-components")
            + " (built from their Go modules by scripts/build-real-components,"
            + " packed into the fluxlab-local/* images by scripts/build-images)");
    return lines.toArray(String[]::new);
  }

  private static String kubernetes(DockerSettings docker) {
    return switch (docker.clusterProvider()) {
      case K3S -> "image " + docker.k3sImage() + " (cluster.provider=k3s, image.k3s)";
      case KUBE_LOCAL ->
          "image " + docker.kubeImage() + " (cluster.provider=kube-local, image.kube)";
      case KUBECONFIG -> "the existing cluster of " + docker.kubeconfig() + " (cluster.kubeconfig)";
      case KUBE_NODE ->
          "image " + docker.nodeImage() + " (cluster.provider=kube-node, image.node; in progress)";
    };
  }

  private static String flux(DockerSettings docker) {
    String manifests =
        docker.fluxManifests() + (Files.isRegularFile(docker.fluxManifests()) ? "" : " (missing)");
    String controllers =
        switch (docker.clusterProvider()) {
          case KUBE_LOCAL -> "controllers from image " + docker.fluxImage() + " (image.flux)";
          case K3S, KUBECONFIG, KUBE_NODE -> "controllers from the images the manifests name";
        };
    return docker.fluxVersion() + ", install manifests " + manifests + ", " + controllers;
  }

  /** The settings commands would use; a bad setting is named, and the defaults shown instead. */
  private Settings settings(List<String> lines) {
    try {
      SettingsLoader loader = SettingsLoader.builtIn();
      if (Files.isRegularFile(Path.of("set-env.properties"))) {
        loader.withFile(Path.of("set-env.properties"));
      }
      return loader.withEnvironment(environment).load();
    } catch (SettingsException e) {
      lines.add("(settings: " + e.getMessage() + "; showing the built-in defaults)");
      return Settings.defaults();
    }
  }

  private Path cacheDir() {
    String cache = environment.get("FLUXLAB_CACHE");
    return cache == null || cache.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "fluxlab")
        : Path.of(cache);
  }

  private Optional<Path> onPath(String command) {
    String path = environment.getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/fluxlab/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fluxlab/build.properties", e);
    }
    return p;
  }
}
