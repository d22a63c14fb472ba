package dev.fluxlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale benchmark's request counts come from kube-apiserver's own metrics text. */
class ApiRequestsTest {
  private static final String METRICS =
      String.join(
          "\n",
          "# HELP apiserver_request_total [STABLE] Counter of apiserver requests",
          "# TYPE apiserver_request_total counter",
          "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\",group=\"apps\","
              + "resource=\"deployments\",scope=\"resource\",subresource=\"\",verb=\"GET\","
              + "version=\"v1\"} 7",
          "apiserver_request_total{code=\"404\",component=\"apiserver\",dry_run=\"\",group=\"apps\","
              + "resource=\"deployments\",scope=\"resource\",subresource=\"\",verb=\"GET\","
              + "version=\"v1\"} 3",
          "apiserver_request_total{code=\"201\",component=\"apiserver\",dry_run=\"All\","
              + "group=\"\",resource=\"configmaps\",scope=\"resource\",subresource=\"\","
              + "verb=\"APPLY\",version=\"v1\"} 2",
          "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\","
              + "group=\"kustomize.toolkit.fluxcd.io\",resource=\"kustomizations\","
              + "scope=\"resource\",subresource=\"status\",verb=\"PUT\",version=\"v1\"} 1e+01",
          "apiserver_request_duration_seconds_count{verb=\"GET\",resource=\"pods\"} 99");

  @Test
  void countsAreSummedOverResponseCodesAndKeyedByVerbResourceAndDryRun() {
    Map<String, Long> counts = ApiRequests.parse(METRICS);

    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "GET deployments", 10L,
                "APPLY configmaps dry-run", 2L,
                "PUT kustomizations/status", 10L));
    assertThat(ApiRequests.total(counts)).isEqualTo(22);
  }

  @Test
  void sinceKeepsOnlyWhatGrew() {
    assertThat(
            ApiRequests.since(
                Map.of("GET deployments", 10L, "PUT kustomizations/status", 4L),
                Map.of("GET deployments", 10L, "PUT kustomizations/status", 9L, "POST events", 2L)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PUT kustomizations/status", 5L, "POST events", 2L));
  }
}
