package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
  private static List<Scenario> scenarios(String... names) {
    return java.util.Arrays.stream(names)
        .map(n -> new Scenario(n, "", "", n + ".yaml", List.of(), Map.of()))
        .toList();
  }

  @Test
  void theSharesTogetherRunEveryScenarioExactlyOnce() {
    List<Scenario> all = scenarios("e", "a", "d", "b", "c");
    List<String> union = new ArrayList<>();
    IntStream.rangeClosed(1, 3)
        .forEach(i -> Shard.parse(i + "/3").of(all).forEach(s -> union.add(s.name())));

    assertThat(union).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(Shard.parse("1/3").of(all)).extracting(Scenario::name).containsExactly("a", "d");
  }

  @Test
  void aBadShardNamesTheOption() {
    for (String bad : List.of("0/2", "3/2", "1", "a/b", "1/0")) {
      assertThatThrownBy(() -> Shard.parse(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("--shard '" + bad + "': give I/N with 1 <= I <= N (for example 2/4)");
    }
  }
}
