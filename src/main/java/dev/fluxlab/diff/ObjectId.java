package dev.fluxlab.diff;

/**
 * One object of a cluster, independent of the API version it is read at.
 *
 * @param namespace empty for cluster-scoped objects
 */
public record ObjectId(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectId> {

  public ObjectId {
    namespace = namespace == null ? "" : namespace;
  }

  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The same object whatever its version: group, kind, namespace, name. */
  public String key() {
    return group() + "/" + kind + "/" + namespace + "/" + name;
  }

  /** As Flux prints objects: {@code Kind/namespace/name} or {@code Kind/name}. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ObjectId other) {
    return toString().compareTo(other.toString());
  }
}
