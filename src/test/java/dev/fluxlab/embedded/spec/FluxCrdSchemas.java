package dev.fluxlab.embedded.spec;

import dev.fluxlab.config.DockerSettings;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CRD schemas of the pinned Flux release, read from where they exist on this machine: the
 * install manifests of {@code scripts/build-real-components flux}, or else the controllers' Go
 * module sources in the module cache ({@code go mod download
 * github.com/fluxcd/kustomize-controller@v1.9.5}). Nothing of them is committed.
 */
final class FluxCrdSchemas {
  static final String FLUX_VERSION = "2.9.5";
  static final String KUSTOMIZE_CONTROLLER = "github.com/fluxcd/kustomize-controller@v1.9.5";
  static final String HELM_CONTROLLER = "github.com/fluxcd/helm-controller@v1.6.4";

  private final List<Map<String, Object>> crds;
  private final String origin;

  private FluxCrdSchemas(List<Map<String, Object>> crds, String origin) {
    this.crds = crds;
    this.origin = origin;
  }

  /** Empty when neither the install manifests nor the module sources are on this machine. */
  static Optional<FluxCrdSchemas> find() {
    Path install = DockerSettings.defaultFluxManifests(FLUX_VERSION);
    if (Files.isRegularFile(install)) {
      return Optional.of(new FluxCrdSchemas(read(install), install.toString()));
    }
    Path modules = moduleCache();
    Path ks =
        modules.resolve(
            KUSTOMIZE_CONTROLLER
                + "/config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml");
    Path hr =
        modules.resolve(
            HELM_CONTROLLER + "/config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml");
    if (Files.isRegularFile(ks) && Files.isRegularFile(hr)) {
      List<Map<String, Object>> both = new ArrayList<>(read(ks));
      both.addAll(read(hr));
      return Optional.of(new FluxCrdSchemas(both, ks.getParent() + ", " + hr.getParent()));
    }
    return Optional.empty();
  }

  static String whereToGetThem() {
    return DockerSettings.defaultFluxManifests(FLUX_VERSION)
        + " (scripts/build-real-components flux) nor the CRDs in the Go module cache "
        + moduleCache()
        + " (go mod download "
        + KUSTOMIZE_CONTROLLER
        + " "
        + HELM_CONTROLLER
        + ")";
  }

  String origin() {
    return origin;
  }

  /**
   * Every leaf field below {@code spec} of the version's schema, arrays marked {@code []}: {@code
   * spec.patches[].target.kind}. A free-form object (labels, values) is one leaf.
   */
  List<String> specLeaves(String apiVersion, String kind) {
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    for (Map<String, Object> crd : crds) {
      if (!"CustomResourceDefinition".equals(crd.get("kind"))
          || !group.equals(Maps.string(crd, "spec", "group"))
          || !kind.equals(Maps.string(crd, "spec", "names", "kind"))) {
        continue;
      }
      for (Object v : Maps.list(crd, "spec", "versions")) {
        if (version.equals(Maps.string(v, "name"))) {
          List<String> leaves = new ArrayList<>();
          collect("spec", Maps.map(v, "schema", "openAPIV3Schema", "properties", "spec"), leaves);
          return leaves;
        }
      }
    }
    throw new IllegalStateException(apiVersion + " " + kind + " is not in " + origin);
  }

  private static void collect(String path, Map<String, Object> schema, List<String> leaves) {
    if ("array".equals(schema.get("type"))) {
      collect(path + "[]", Maps.map(schema, "items"), leaves);
      return;
    }
    Map<String, Object> properties = Maps.map(schema, "properties");
    if (properties.isEmpty()) {
      leaves.add(path);
      return;
    }
    for (Map.Entry<String, Object> p : properties.entrySet()) {
      collect(path + "." + p.getKey(), Maps.map(p.getValue()), leaves);
    }
  }

  private static List<Map<String, Object>> read(Path file) {
    try {
      return Yaml.documents(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path moduleCache() {
    String env = System.getenv("GOMODCACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String gopath = System.getenv("GOPATH");
    return (gopath == null || gopath.isBlank()
            ? Path.of(System.getProperty("user.home"), "go")
            : Path.of(gopath.split(":")[0]))
        .resolve("pkg/mod");
  }
}
