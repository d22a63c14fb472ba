package dev.fluxlab.bench;

import dev.fluxlab.ops.SeedPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated fleet for the scale benchmark: {@code apps} app directories (a Deployment, a Service
 * and a ConfigMap each, no kustomization.yaml, so Flux generates one), an {@code infra} directory
 * (the namespace), and per cluster {@code clusters/<cluster>/} with one Kustomization for infra and
 * one per app, each app {@code dependsOn: infra} with {@code wait: true}.
 */
public final class ScaleRepository {
  public static final String NAMESPACE = "scale-apps";

  private final Path dir;
  private final int apps;
  private final List<String> clusters;

  private ScaleRepository(Path dir, int apps, List<String> clusters) {
    this.dir = dir;
    this.apps = apps;
    this.clusters = List.copyOf(clusters);
  }

  /** Writes the repository into {@code dir} (created) at release {@code 1}. */
  public static ScaleRepository generate(Path dir, int apps, List<String> clusters) {
    ScaleRepository repo = new ScaleRepository(dir, apps, clusters);
    write(dir.resolve("infra/namespace.yaml"), namespace());
    for (int i = 1; i <= apps; i++) {
      repo.writeApp(dir, i, 1);
    }
    for (String cluster : clusters) {
      write(dir.resolve("clusters/" + cluster + "/infra.yaml"), kustomization("infra", "./infra"));
      StringBuilder all = new StringBuilder();
      for (int i = 1; i <= apps; i++) {
        all.append("---\n")
            .append(kustomization(appName(i), "./apps/" + appName(i)))
            .append("  dependsOn:\n    - name: infra\n  wait: true\n");
      }
      write(dir.resolve("clusters/" + cluster + "/apps.yaml"), all.toString());
    }
    return repo;
  }

  /** Every cluster syncs its own {@code clusters/<cluster>} of repository {@code fleet}. */
  public SeedPlan plan() {
    Map<String, String> paths = new LinkedHashMap<>();
    clusters.forEach(c -> paths.put(c, "clusters/" + c));
    return new SeedPlan(
        Map.of(SeedPlan.FLEET_REPOSITORY, dir), SeedPlan.FLEET_REPOSITORY, paths, List.of());
  }

  public int apps() {
    return apps;
  }

  public static String appName(int i) {
    return String.format("app-%04d", i);
  }

  /**
   * Rewrites every app at {@code release} (new image tag and ConfigMap data) below {@code root}.
   */
  public void writeRelease(Path root, int release) {
    for (int i = 1; i <= apps; i++) {
      writeApp(root, i, release);
    }
  }

  private void writeApp(Path root, int i, int release) {
    String name = appName(i);
    Path app = root.resolve("apps").resolve(name);
    write(
        app.resolve("deployment.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: %1$s
          template:
            metadata:
              labels:
                app: %1$s
            spec:
              containers:
                - name: app
                  image: fluxlab/scale-app:1.%3$d
                  ports:
                    - containerPort: 9898
        """
            .formatted(name, NAMESPACE, release));
    write(
        app.resolve("service.yaml"),
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          selector:
            app: %1$s
          ports:
            - port: 80
              targetPort: 9898
        """
            .formatted(name, NAMESPACE));
    write(
        app.resolve("configmap.yaml"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %1$s-settings
          namespace: %2$s
        data:
          release: "%3$d"
        """
            .formatted(name, NAMESPACE, release));
  }

  private static String namespace() {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """
        .formatted(NAMESPACE);
  }

  private static String kustomization(String name, String path) {
    return """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: %s
          namespace: flux-system
        spec:
          interval: 10m
          path: %s
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
        """
        .formatted(name, path);
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
