package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseValuesTest {
  @Test
  void mergesMapsDeeplyAndReplacesEverythingElse() {
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("image", new LinkedHashMap<>(Map.of("repository", "a", "tag", "1")));
    base.put("args", List.of("x", "y"));

    ReleaseValues.mergeInto(base, Map.of("image", Map.of("tag", "2"), "args", List.of("z")));

    assertThat(base)
        .isEqualTo(Map.of("image", Map.of("repository", "a", "tag", "2"), "args", List.of("z")));
  }

  @Test
  void digestIgnoresKeyOrder() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", Map.of("c", true));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", Map.of("c", true));
    ba.put("a", 1);

    assertThat(ReleaseValues.digest(ab)).startsWith("sha256:").isEqualTo(ReleaseValues.digest(ba));
    assertThat(ReleaseValues.digest(Map.of("a", 2))).isNotEqualTo(ReleaseValues.digest(ab));
  }
}
