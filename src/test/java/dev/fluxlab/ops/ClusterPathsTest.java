package dev.fluxlab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --path [NAME=]PATH} (repeatable) and {@code --all-clusters DIR} into clusters. */
class ClusterPathsTest {
  private final Path repo = Fixtures.get("multi-cluster");

  private Map<String, String> clusters(List<String> paths, String allClusters) {
    return SeedPlan.userRepository(repo, ClusterPaths.parse(repo, paths, allClusters))
        .clusterPaths();
  }

  @Test
  void everyPathIsAClusterNamedAfterItsLastElementUnlessNamed() {
    assertThat(clusters(List.of("clusters/staging", "prod=./clusters/production/"), null))
        .containsExactly(
            Map.entry("staging", "clusters/staging"), Map.entry("prod", "clusters/production"));
  }

  @Test
  void allClustersTakesEverySubDirectory() {
    assertThat(clusters(List.of(), "clusters"))
        .containsExactly(
            Map.entry("production", "clusters/production"),
            Map.entry("staging", "clusters/staging"));
  }

  @Test
  void twoPathsThatMakeTheSameClusterAreRefusedNamingBoth() {
    assertThatThrownBy(() -> clusters(List.of("clusters/staging"), "clusters"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "--path clusters/staging and --all-clusters clusters both make cluster 'staging'"
                + " (name one: --path NAME=PATH)");
  }

  @Test
  void badInputNamesTheOption() {
    assertThatThrownBy(() -> clusters(List.of("Prod_1=clusters/production"), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "--path Prod_1=clusters/production: cluster name 'Prod_1' must be lower-case letters,"
                + " digits and '-'");
    assertThatThrownBy(() -> clusters(List.of(), "apps/base/podinfo"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("--all-clusters apps/base/podinfo: no sub-directories in");
    assertThatThrownBy(() -> clusters(List.of(), "nowhere"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("--all-clusters nowhere: no such directory in");
  }
}
