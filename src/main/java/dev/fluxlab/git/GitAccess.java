package dev.fluxlab.git;

import dev.fluxlab.api.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may use which repository of the embedded git server, as Gitea decides it for a private
 * repository: the platform's user every repository, a tenant's identity ({@link GitIdentities})
 * only its own, for reading and pushing alike; anybody else nothing.
 */
final class GitAccess {
  enum Verdict {
    ALLOWED,
    /** No credentials, an unknown user or a wrong secret: 401, ask again. */
    UNAUTHENTICATED,
    /** A known user asking for a repository that is not its own: 403. */
    FORBIDDEN
  }

  private final Credentials platform;
  private final GitIdentities identities;

  GitAccess(Credentials platform, GitIdentities identities) {
    this.platform = platform;
    this.identities = identities;
  }

  /**
   * @param authorization the request's {@code Authorization} header, or null
   * @param path the request path, e.g. {@code /fluxlab/fleet.git/info/refs}
   */
  Verdict check(String authorization, String path) {
    Optional<Credentials> given = basic(authorization);
    if (given.isEmpty()) {
      return Verdict.UNAUTHENTICATED;
    }
    Credentials user = given.get();
    if (matches(platform, user)) {
      return Verdict.ALLOWED;
    }
    Optional<GitIdentities.Identity> identity = identities.find(user.username());
    if (identity.isEmpty() || !matches(identity.get().credentials(), user)) {
      return Verdict.UNAUTHENTICATED;
    }
    String[] parts = path.replaceFirst("^/+", "").split("/");
    if (parts.length < 2 || !parts[1].endsWith(".git") || path.contains("..")) {
      return Verdict.FORBIDDEN;
    }
    String repository = parts[1].substring(0, parts[1].length() - ".git".length());
    return identity.get().mayUse(parts[0], repository) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
  }

  private static Optional<Credentials> basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  /** Constant-time in the secret, so timing tells nothing about how much of it was right. */
  private static boolean matches(Credentials expected, Credentials given) {
    boolean password =
        MessageDigest.isEqual(
            expected.password().getBytes(StandardCharsets.UTF_8),
            given.password().getBytes(StandardCharsets.UTF_8));
    return password && expected.username().equals(given.username());
  }
}
