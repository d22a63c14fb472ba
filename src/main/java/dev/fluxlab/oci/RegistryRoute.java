package dev.fluxlab.oci;

/**
 * How the embedded source controller reaches the environment's registry: repositories name it by
 * the stable host {@link #STABLE_HOST} (what the docker backend's clusters resolve to the registry
 * container), which is routed to the local process's {@code 127.0.0.1:<port>}. Without a registry,
 * {@link #missing()} says why and how to get one.
 *
 * @param host where the registry listens, or null when there is none
 * @param missing why there is no registry, or null
 */
public record RegistryRoute(String host, String missing) {
  /** The host name repositories use: a network alias or a Service on the docker backend. */
  public static final String STABLE_NAME = "fluxlab-registry";

  public static final int STABLE_PORT = 5000;

  /**
   * The name repositories use for the environment's registry: {@code
   * oci://fluxlab-registry:5000/…}.
   */
  public static final String STABLE_HOST = STABLE_NAME + ":" + STABLE_PORT;

  /** No registry and no claim about one: every URL is used as written (unit tests). */
  public static final RegistryRoute NONE = new RegistryRoute(null, null);

  public static RegistryRoute to(String host) {
    return new RegistryRoute(host, null);
  }

  public static RegistryRoute unavailable(String why) {
    return new RegistryRoute(null, why);
  }

  /** The host to connect to for a URL's host. */
  public String route(String urlHost) {
    return host != null && STABLE_HOST.equals(urlHost) ? host : urlHost;
  }
}
