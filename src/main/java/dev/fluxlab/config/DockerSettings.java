package dev.fluxlab.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The docker backend's settings (see {@code set-env.properties}): every image it runs, where its
 * clusters come from and where the pinned Flux install manifests are.
 *
 * @param fluxManifests the Flux install manifests ({@code flux install --export} of {@code
 *     fluxVersion})
 * @param kubeconfig the existing cluster's kubeconfig (provider kubeconfig), or null
 * @param kubeContext its context; empty for the kubeconfig's current context
 * @param clusterNetwork a Docker network to attach Gitea to so that the existing cluster reaches it
 *     (e.g. kind's "kind"); empty for none
 * @param imagesArchive a directory of image tarballs to load before starting, or null
 */
public record DockerSettings(
    String giteaImage,
    String registryImage,
    String k3sImage,
    String kubeImage,
    String fluxImage,
    String nodeImage,
    String fluxVersion,
    Path fluxManifests,
    ClusterProvider clusterProvider,
    Path kubeconfig,
    String kubeContext,
    String clusterNetwork,
    Path imagesArchive) {

  /**
   * Where {@code scripts/build-real-components flux} leaves the manifests of a Flux version: made
   * by the flux CLI of that version, built from its Go module ({@code $FLUXLAB_CACHE}, default
   * {@code ~/.cache/fluxlab}).
   */
  public static Path defaultFluxManifests(String fluxVersion) {
    String v = fluxVersion.startsWith("v") ? fluxVersion : "v" + fluxVersion;
    return dev.fluxlab.util.CacheDir.realComponents()
        .resolve("flux-" + v)
        .resolve("manifests")
        .resolve("install.yaml");
  }

  /** The images an environment with these settings starts. */
  public List<String> requiredImages() {
    return List.copyOf(requiredImagesBySetting().values());
  }

  /** The same, by the setting that names each (image.gitea, ...), for error messages. */
  public Map<String, String> requiredImagesBySetting() {
    Map<String, String> images = new LinkedHashMap<>();
    images.put("image.gitea", giteaImage);
    images.put("image.registry", registryImage);
    switch (clusterProvider) {
      case K3S -> images.put("image.k3s", k3sImage);
      case KUBE_LOCAL -> {
        images.put("image.kube", kubeImage);
        images.put("image.flux", fluxImage);
      }
      case KUBE_NODE -> images.put("image.node", nodeImage);
      case KUBECONFIG -> {}
    }
    return images;
  }
}
