package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableViewTest {
  private static String ago(Duration d) {
    return Instant.now().minus(d).toString();
  }

  @Test
  void printsAgesTheWayKubectlDoes() {
    assertThat(TableView.age(ago(Duration.ofSeconds(45)))).isEqualTo("45s");
    assertThat(TableView.age(ago(Duration.ofSeconds(190)))).isEqualTo("3m10s");
    assertThat(TableView.age(ago(Duration.ofMinutes(25)))).isEqualTo("25m");
    assertThat(TableView.age(ago(Duration.ofMinutes(303)))).isEqualTo("5h3m");
    assertThat(TableView.age(ago(Duration.ofDays(3)))).isEqualTo("3d");
  }

  @Test
  void rendersReadinessOfEachObject() {
    String list =
        "{\"kind\":\"KustomizationList\",\"items\":[{\"metadata\":{\"name\":\"apps\",\"namespace\":\"flux-system\","
            + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"status\":{\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"False\",\"message\":\"dependency 'flux-system/infra' is not ready\"}]}}]}";

    String table = TableView.render(list);

    assertThat(table)
        .contains("\"kind\":\"Table\"")
        .contains("[\"apps\",")
        .contains("\"False\",\"dependency 'flux-system/infra' is not ready\"]")
        .contains("\"namespace\":\"flux-system\"");
  }
}
