package dev.fluxlab.config;

/** How the seeded GitOps repositories are laid out. */
public enum Layout {
  /** One monorepo: clusters/, infrastructure/, apps/ with base + per-cluster overlays. */
  MULTI_CLUSTER("multi-cluster"),
  /** A platform-admin repository plus one repository per tenant. */
  MULTI_TENANCY("multi-tenancy");

  private final String id;

  Layout(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The layout with this id. */
  public static Layout fromId(String id) {
    for (Layout l : values()) {
      if (l.id.equals(id)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown layout '" + id + "'");
  }
}
