package dev.fluxlab.embedded.helm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads files of Helm repositories (the index, chart packages): over HTTP, or from disk when the
 * repository URL is mapped to a local chart mirror, so an environment without internet access can
 * still use a public repository's URL.
 */
final class RepositoryFiles {
  private final Map<String, Path> mirrors = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * @param mirrors repository URL to a directory holding its index.yaml and packages
   */
  RepositoryFiles(Map<String, Path> mirrors) {
    mirrors.forEach((url, dir) -> this.mirrors.put(normalize(url), dir));
  }

  /** Why a file could not be read; {@code unreachable} when the server never answered. */
  static final class FetchException extends RuntimeException {
    private final boolean unreachable;

    FetchException(String message, boolean unreachable, Throwable cause) {
      super(message, cause);
      this.unreachable = unreachable;
    }

    boolean unreachable() {
      return unreachable;
    }
  }

  /** Whether {@code repositoryUrl} is served from a local mirror. */
  boolean mirrored(String repositoryUrl) {
    return mirrors.containsKey(normalize(repositoryUrl));
  }

  /**
   * Reads {@code ref} of a repository: a path relative to the repository URL (as index entries
   * usually give chart URLs) or an absolute URL.
   */
  byte[] read(String repositoryUrl, String ref, Duration timeout) {
    String base = normalize(repositoryUrl);
    URI uri = URI.create(base + "/").resolve(ref);
    Path mirror = mirrors.get(base);
    if (mirror != null) {
      return readMirror(mirror, base, uri);
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new FetchException(
            "GET \"" + uri + "\": unexpected status code " + response.statusCode(), false, null);
      }
      return response.body();
    } catch (HttpTimeoutException e) {
      throw new FetchException(
          "Get \"" + uri + "\": timeout after " + timeout.toSeconds() + "s", true, e);
    } catch (ConnectException e) {
      throw new FetchException("Get \"" + uri + "\": connection refused", true, e);
    } catch (IOException e) {
      throw new FetchException("Get \"" + uri + "\": " + describe(e), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("Get \"" + uri + "\": interrupted", false, e);
    }
  }

  private static byte[] readMirror(Path mirror, String base, URI uri) {
    String url = uri.toString();
    if (!url.startsWith(base + "/")) {
      throw new FetchException(
          "\"" + url + "\" lies outside the mirrored repository " + base, false, null);
    }
    Path file = mirror.resolve(url.substring(base.length() + 1)).normalize();
    if (!file.startsWith(mirror.normalize())) {
      throw new FetchException("\"" + url + "\" escapes the chart mirror", false, null);
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new FetchException("chart mirror has no " + file, false, e);
    } catch (IOException e) {
      throw new FetchException("cannot read " + file + ": " + e.getMessage(), false, e);
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Repository URLs compare without a trailing slash. */
  static String normalize(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
