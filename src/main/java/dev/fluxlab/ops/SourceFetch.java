package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.git.RepositoryUrls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Asks every GitRepository that tracks a repository to fetch now ({@code flux reconcile source
 * git}).
 */
public final class SourceFetch {
  private SourceFetch() {}

  public static void request(Environment env, String repository) {
    for (String cluster : env.clusters()) {
      for (GenericKubernetesResource repo : env.flux(cluster).list(FluxKind.GIT_REPOSITORY)) {
        Object spec = repo.getAdditionalProperties().get("spec");
        String url = spec instanceof Map<?, ?> m ? String.valueOf(m.get("url")) : null;
        if (RepositoryUrls.tracks(url, env.info().gitOwner(), repository)) {
          env.flux(cluster)
              .requestReconcile(
                  FluxKind.GIT_REPOSITORY,
                  repo.getMetadata().getNamespace(),
                  repo.getMetadata().getName());
        }
      }
    }
  }
}
