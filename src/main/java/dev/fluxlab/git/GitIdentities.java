package dev.fluxlab.git;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The git identities of an environment besides the platform's: one 0600 file per user below {@code
 * <env>/git-identities/} (0700) with its per-run secret and the repositories it may use. fluxlab
 * reads them to push as a tenant and to put the tenant's credentials into its clusters; the
 * embedded git server reads them as its accounts, so an identity added by another process (`fluxlab
 * tenant add`) is known at once.
 */
public final class GitIdentities {
  public static final String DIRECTORY = "git-identities";
  private static final Pattern USER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final Path dir;

  public GitIdentities(Path dir) {
    this.dir = dir;
  }

  /** No identities at all: only the platform's user exists. */
  public static GitIdentities none() {
    return new GitIdentities(null);
  }

  /** The identities of the environment whose state lies in {@code envDir}. */
  public static GitIdentities of(Path envDir) {
    return new GitIdentities(envDir.resolve(DIRECTORY));
  }

  /**
   * A user and the repositories ({@code owner/name}) it may read and push; nothing else.
   *
   * @param credentials the user and its secret (a password, or a Gitea token)
   */
  public record Identity(Credentials credentials, List<String> repositories) {
    public Identity {
      repositories = List.copyOf(repositories);
    }

    public boolean mayUse(String owner, String repository) {
      return repositories.contains(owner + "/" + repository);
    }
  }

  /** Whether {@code user} is a name an identity can have (a tenant's name). */
  public static boolean isValidUser(String user) {
    return user != null && USER.matcher(user).matches();
  }

  /** Records an identity (0600), replacing an earlier record of the same user. */
  public void write(Identity identity) {
    String user = identity.credentials().username();
    if (!isValidUser(user)) {
      throw new IllegalArgumentException("invalid git user name '" + user + "'");
    }
    if (dir == null) {
      throw new IllegalStateException("no directory to record git identities in");
    }
    SecureFiles.createOwnerOnlyDirectory(dir);
    SecureFiles.writeOwnerOnly(
        dir.resolve(user),
        "# git identity of a tenant of this fluxlab environment\nusername="
            + user
            + "\npassword="
            + identity.credentials().password()
            + "\nrepositories="
            + String.join(",", identity.repositories())
            + "\n");
  }

  /** The identity of {@code user}; empty for an unknown or malformed name. */
  public Optional<Identity> find(String user) {
    if (!isValidUser(user)) {
      return Optional.empty();
    }
    if (dir == null) {
      return Optional.empty();
    }
    Path file = dir.resolve(user);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read git identity " + file, e);
    }
    List<String> repositories =
        Arrays.stream(p.getProperty("repositories", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    return Optional.of(
        new Identity(new Credentials(user, p.getProperty("password", "")), repositories));
  }

  /** Every recorded identity by user name, in name order. */
  public Map<String, Identity> all() {
    Map<String, Identity> all = new LinkedHashMap<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (String user : files.map(f -> f.getFileName().toString()).sorted().toList()) {
        find(user).ifPresent(identity -> all.put(user, identity));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return all;
  }

  /** The identity that owns {@code owner/repository}, if one does. */
  public Optional<Identity> owning(String owner, String repository) {
    return all().values().stream().filter(i -> i.mayUse(owner, repository)).findFirst();
  }
}
