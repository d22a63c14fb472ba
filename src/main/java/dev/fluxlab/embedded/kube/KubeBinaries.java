package dev.fluxlab.embedded.kube;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.CacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The real Kubernetes binaries an embedded cluster runs: etcd, kube-apiserver and
 * kube-controller-manager. They come from {@code $FLUXLAB_KUBE_BINARIES} (a directory holding all
 * three, e.g. a Kubernetes release's server binaries) or from the cache that {@code
 * scripts/build-real-components} fills from the Go module proxy at the pinned versions below.
 */
public record KubeBinaries(Path etcd, Path apiServer, Path controllerManager) {
  /** Pinned in scripts/build-real-components as KUBE_VERSION / ETCD_VERSION (a test compares). */
  public static final String KUBE_VERSION = "v1.37.2";

  public static final String ETCD_VERSION = "v3.7.3";

  static final String ENV = "FLUXLAB_KUBE_BINARIES";

  /** The binaries, or why there are none (one line, with what to do). */
  public static KubeBinaries locate() {
    return find()
        .orElseThrow(
            () ->
                new FluxLabException(
                    "the embedded backend needs etcd, kube-apiserver and kube-controller-manager"
                        + " "
                        + KUBE_VERSION
                        + ", not found in "
                        + describeSearch()
                        + ": run `scripts/build-real-components kube-apiserver"
                        + " kube-controller-manager etcd` (builds them from the Go module proxy,"
                        + " about 15 minutes once on 2 cores) or set "
                        + ENV
                        + " to a directory holding all three"));
  }

  public static Optional<KubeBinaries> find() {
    String dir = System.getenv(ENV);
    if (dir != null && !dir.isBlank()) {
      Path d = Path.of(dir);
      return complete(
          d.resolve("etcd"), d.resolve("kube-apiserver"), d.resolve("kube-controller-manager"));
    }
    Path cache = CacheDir.realComponents();
    return complete(
        cache.resolve("etcd-" + ETCD_VERSION).resolve("etcd"),
        cache.resolve("kube-apiserver-" + KUBE_VERSION).resolve("kube-apiserver"),
        cache
            .resolve("kube-controller-manager-" + KUBE_VERSION)
            .resolve("kube-controller-manager"));
  }

  private static Optional<KubeBinaries> complete(Path etcd, Path apiServer, Path kcm) {
    List<Path> all = List.of(etcd, apiServer, kcm);
    return all.stream().allMatch(Files::isExecutable)
        ? Optional.of(new KubeBinaries(etcd, apiServer, kcm))
        : Optional.empty();
  }

  private static String describeSearch() {
    String dir = System.getenv(ENV);
    if (dir != null && !dir.isBlank()) {
      return ENV + "=" + dir;
    }
    return CacheDir.realComponents().toString();
  }
}
