package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.config.SettingsLoader;
import dev.fluxlab.embedded.EmbeddedBackend;
import dev.fluxlab.embedded.PodinfoCharts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deploys the fixture on the embedded backend into a test's temporary state directory. */
public final class TestEnvironments {
  private TestEnvironments() {}

  public static Settings settings(Path stateDir, String... overrides) {
    List<String> all = new ArrayList<>(List.of("state.dir=" + stateDir, "backend=embedded"));
    all.addAll(List.of(overrides));
    return SettingsLoader.builtIn().withOverrides(all).load();
  }

  public static Environment deploy(Settings settings) {
    return new Deployer(
            new EmbeddedBackend("kubectl", new PodinfoCharts(), Map.of()),
            settings,
            SeedPlan.fixture(settings),
            line -> {})
        .deploy();
  }
}
