package dev.fluxlab.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;

/**
 * Answers the discovery paths itself and hands everything else to fabric8's CRUD dispatcher.
 * Discovery is matched on the path alone because kubectl appends query parameters ({@code
 * ?timeout=32s}) that fabric8's expectations would have to match exactly.
 */
final class ApiServerDispatcher extends Dispatcher {
  private final DiscoveryDocuments discovery;
  private final Dispatcher crud;

  ApiServerDispatcher(DiscoveryDocuments discovery, Dispatcher crud) {
    this.discovery = discovery;
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      // The mock parses JSON only. 415 makes clients retry as JSON instead of hanging on a body
      // the mock cannot read.
      return json(
          415,
          Map.of(
              "kind", "Status",
              "apiVersion", "v1",
              "status", "Failure",
              "reason", "UnsupportedMediaType",
              "message", "fluxlab's embedded API server accepts JSON only",
              "code", 415));
    }
    if ("GET".equalsIgnoreCase(request.getMethod())) {
      Object doc = discoveryDocument(pathOnly(request.getPath()));
      if (doc != null) {
        return json(200, doc);
      }
    }
    Map<String, String> involved =
        "GET".equalsIgnoreCase(request.getMethod())
            ? EventSelector.selected(request.getPath())
            : Map.of();
    if (!involved.isEmpty()) {
      // Ask for the whole list (the mock mis-evaluates involvedObject selectors), then filter.
      MockResponse all =
          crud.dispatch(
              new RecordedRequest(
                  request.getHttpVersion(),
                  request.method(),
                  EventSelector.withoutQuery(request.getPath()),
                  request.getHeaders(),
                  request.getBody()));
      return new MockResponse()
          .setResponseCode(all.code())
          .setHeader("Content-Type", "application/json")
          .setBody(EventSelector.filter(all.getBody().readUtf8(), involved));
    }
    MockResponse response = crud.dispatch(request);
    if (response != null
        && response.code() == 200
        && "GET".equalsIgnoreCase(request.getMethod())
        && !request.getPath().contains("watch=")
        && TableView.wanted(request.getHeader("Accept"), request.getPath())) {
      String body = response.getBody().readUtf8();
      String table = TableView.render(body);
      if (table != null) {
        return new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            .setBody(table);
      }
      response.setBody(body); // reading consumed it
    }
    // Without a content type kubectl takes a body for protobuf (e.g. in `kubectl describe`).
    if (response != null && response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private Object discoveryDocument(String path) {
    if (path.equals("/api")) {
      return discovery.coreVersions();
    }
    if (path.equals("/apis")) {
      return discovery.groups();
    }
    if (path.equals("/api/v1")) {
      return orNotFound(discovery.resources("v1"));
    }
    String[] parts = path.split("/");
    // "/apis/<group>/<version>" splits into ["", "apis", group, version]
    if (parts.length == 4 && parts[1].equals("apis")) {
      return orNotFound(discovery.resources(parts[2] + "/" + parts[3]));
    }
    return null;
  }

  private static Object orNotFound(Object doc) {
    return doc != null ? doc : NotFound.INSTANCE;
  }

  private static String pathOnly(String path) {
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }

  private static MockResponse json(int code, Object body) {
    if (body == NotFound.INSTANCE) {
      code = 404;
      body =
          Map.of(
              "kind",
              "Status",
              "apiVersion",
              "v1",
              "status",
              "Failure",
              "reason",
              "NotFound",
              "code",
              404);
    }
    try {
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(Serialization.jsonMapper().writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }

  private enum NotFound {
    INSTANCE
  }
}
