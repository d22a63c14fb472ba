package dev.fluxlab.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and names of everything the docker backend creates. {@code teardown} finds an
 * environment's containers, networks and volumes by {@link #ENV} alone, so it needs no state file
 * and no Ryuk, and never touches another environment's.
 */
public final class DockerLabels {
  /** The environment name: the one label teardown sweeps by. */
  public static final String ENV = "dev.fluxlab.env";

  /** What a container is for: gitea, registry, cluster, flux-controller. */
  public static final String ROLE = "dev.fluxlab.role";

  /** The cluster a container belongs to (clusters and their controllers). */
  public static final String CLUSTER = "dev.fluxlab.cluster";

  private DockerLabels() {}

  public static Map<String, String> of(String env, String role) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ENV, env);
    labels.put(ROLE, role);
    return labels;
  }

  public static Map<String, String> of(String env, String role, String cluster) {
    Map<String, String> labels = of(env, role);
    labels.put(CLUSTER, cluster);
    return labels;
  }

  /** Docker name of a container or network of an environment: fluxlab-ENV[-PART...]. */
  public static String name(String env, String... parts) {
    StringBuilder name = new StringBuilder("fluxlab-").append(env);
    for (String part : parts) {
      name.append('-').append(part);
    }
    return name.toString();
  }
}
