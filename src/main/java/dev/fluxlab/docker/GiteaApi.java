package dev.fluxlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The few calls of Gitea's REST API fluxlab needs: a scoped token, an organisation, private
 * repositories, users with write access to some of them, and Helm chart packages. Creating
 * something that exists is not an error, so setup can be repeated.
 */
public final class GiteaApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI baseUrl;
  private final String authorization;

  /**
   * @param baseUrl Gitea's root URL as this machine reaches it
   * @param credentials a user and its password or token
   */
  public GiteaApi(URI baseUrl, Credentials credentials) {
    this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (credentials.username() + ":" + credentials.password())
                        .getBytes(StandardCharsets.UTF_8));
  }

  /** Creates an access token of the authenticated user; only its value is returned. */
  public String createToken(String user, String tokenName, List<String> scopes) {
    JsonNode created =
        send(
            "POST",
            "api/v1/users/" + user + "/tokens",
            Map.of("name", tokenName, "scopes", scopes),
            List.of(201));
    return created.path("sha1").asText();
  }

  /** Creates a public organisation unless it exists. */
  public void ensureOrganization(String name) {
    send(
        "POST",
        "api/v1/orgs",
        Map.of("username", name, "visibility", "public"),
        List.of(201, 409, 422));
  }

  /**
   * Creates an empty private repository with default branch main unless it exists: only the
   * organisation's owners and the repository's collaborators reach it.
   */
  public void ensureRepository(String owner, String name) {
    send(
        "POST",
        "api/v1/orgs/" + owner + "/repos",
        Map.of("name", name, "default_branch", "main", "private", true),
        List.of(201, 409));
  }

  /** Creates a user that is no administrator (needs a site administrator's token). */
  public void createUser(Credentials login) {
    send(
        "POST",
        "api/v1/admin/users",
        Map.of(
            "username",
            login.username(),
            "password",
            login.password(),
            "email",
            login.username() + "@fluxlab.invalid",
            "must_change_password",
            false,
            "visibility",
            "private"),
        List.of(201));
  }

  /** Gives {@code user} write access (read, push) to one repository. */
  public void addCollaborator(String owner, String repository, String user) {
    send(
        "PUT",
        "api/v1/repos/" + owner + "/" + repository + "/collaborators/" + user,
        Map.of("permission", "write"),
        List.of(204));
  }

  /** Publishes a packaged chart into the owner's Helm repository; a re-upload is not an error. */
  public void uploadChart(String owner, byte[] chartPackage) {
    HttpRequest request =
        request("api/packages/" + owner + "/helm/api/charts")
            .POST(HttpRequest.BodyPublishers.ofByteArray(chartPackage))
            .header("Content-Type", "application/octet-stream")
            .build();
    exchange(request, List.of(201, 409));
  }

  /** The Helm repository URL of an owner, under a given Gitea root URL. */
  public static String helmRepositoryUrl(String rootUrl, String owner) {
    return rootUrl.replaceAll("/+$", "") + "/api/packages/" + owner + "/helm";
  }

  private JsonNode send(String method, String path, Object body, List<Integer> accepted) {
    try {
      HttpRequest request =
          request(path)
              .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .header("Content-Type", "application/json")
              .build();
      String response = exchange(request, accepted);
      return response.isBlank() ? JSON.createObjectNode() : JSON.readTree(response);
    } catch (IOException e) {
      throw new FluxLabException("Gitea API " + path + ": " + e.getMessage(), e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private static String exchange(HttpRequest request, List<Integer> accepted) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (!accepted.contains(response.statusCode())) {
        throw new FluxLabException(
            "Gitea API "
                + request.method()
                + " "
                + request.uri().getPath()
                + ": HTTP "
                + response.statusCode()
                + " "
                + abbreviate(response.body()));
      }
      return response.body();
    } catch (IOException e) {
      throw new FluxLabException("Gitea API " + request.uri().getPath() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FluxLabException("interrupted while calling Gitea", e);
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
