package dev.fluxlab.oci;

/**
 * The {@code oci://<host>/<repository>:<tag>} argument of {@code push artifact}, as the flux CLI
 * takes it (the tag is required: it is what an OCIRepository's {@code ref} follows).
 */
public record ArtifactUrl(String host, String repository, String tag) {
  private static final String PREFIX = "oci://";

  /** Parses the URL; the message of a refusal says what is wrong with it. */
  public static ArtifactUrl parse(String url) {
    if (url == null || !url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("must start with oci://, e.g. oci://host/repo:tag");
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("has no repository (oci://host/repo:tag)");
    }
    String path = rest.substring(slash + 1);
    int colon = path.lastIndexOf(':');
    if (colon <= 0 || colon == path.length() - 1) {
      throw new IllegalArgumentException("has no tag (oci://host/repo:tag)");
    }
    String repository = path.substring(0, colon);
    String tag = path.substring(colon + 1);
    if (!repository.matches(
        "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
      throw new IllegalArgumentException(
          "repository '" + repository + "' is not a valid OCI name (lower case, digits, . _ - /)");
    }
    if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException("tag '" + tag + "' is not a valid OCI tag");
    }
    return new ArtifactUrl(rest.substring(0, slash), repository, tag);
  }

  @Override
  public String toString() {
    return PREFIX + host + "/" + repository + ":" + tag;
  }
}
