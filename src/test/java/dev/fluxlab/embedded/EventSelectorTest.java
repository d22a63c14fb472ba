package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl describe finds an object's events through involvedObject field selectors. */
class EventSelectorTest {
  @Test
  void readsTheInvolvedObjectSelectorsKubectlDescribeSends() {
    String path =
        "/api/v1/namespaces/flux-system/events?fieldSelector=involvedObject.name%3Dapps%2CinvolvedObject.namespace%3Dflux-system%2CinvolvedObject.kind%3DKustomization&limit=500";

    assertThat(EventSelector.selected(path))
        .containsExactly(
            Map.entry("name", "apps"),
            Map.entry("namespace", "flux-system"),
            Map.entry("kind", "Kustomization"));
    assertThat(
            EventSelector.selected(
                "/api/v1/namespaces/x/configmaps?fieldSelector=metadata.name%3Da"))
        .isEmpty();
  }

  @Test
  void keepsOnlyTheEventsOfTheSelectedObjectAsAnEventList() {
    String list =
        "{\"kind\":\"List\",\"items\":["
            + "{\"reason\":\"A\",\"involvedObject\":{\"kind\":\"Kustomization\",\"name\":\"apps\"}},"
            + "{\"reason\":\"B\",\"involvedObject\":{\"kind\":\"Kustomization\",\"name\":\"infra\"}}]}";

    String filtered = EventSelector.filter(list, Map.of("kind", "Kustomization", "name", "apps"));

    assertThat(filtered)
        .contains("\"reason\":\"A\"")
        .doesNotContain("\"reason\":\"B\"")
        .contains("\"kind\":\"EventList\"");
  }
}
