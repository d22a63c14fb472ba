package dev.fluxlab.git;

/** Matching a GitRepository's {@code spec.url} to a repository on the environment's git server. */
public final class RepositoryUrls {
  private RepositoryUrls() {}

  /**
   * Whether {@code url} clones {@code owner/repository}, with or without the {@code .git} suffix.
   */
  public static boolean tracks(String url, String owner, String repository) {
    if (url == null) {
      return false;
    }
    String path = "/" + owner + "/" + repository;
    return url.endsWith(path) || url.endsWith(path + ".git");
  }
}
