package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.ops.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioReferenceTest {
  @Test
  void theReferenceInDocsIsTheOneTheSchemaGives() throws Exception {
    Path doc = Scenarios.directory().getParent().resolve("docs/scenario-reference.md");
    assertThat(Files.readString(doc))
        .as(
            "docs/scenario-reference.md is out of date: run"
                + " `java -cp target/classes:... dev.fluxlab.scenario.ScenarioReference` or"
                + " `mvn -q exec:java -Dexec.mainClass=dev.fluxlab.scenario.ScenarioReference`")
        .isEqualTo(ScenarioReference.markdown());
  }

  @Test
  void everyActionTheLoaderKnowsIsDocumented() {
    String md = ScenarioReference.markdown();
    for (String action : StepParser.ACTIONS) {
      assertThat(md).contains("`" + action + "`");
    }
    assertThat(md).contains("`try`", "`catch`", "`finally`", "`include`", "`matrix`", "`bindings`");
  }
}
