package dev.fluxlab.embedded.helm;

import java.nio.file.Path;

/** Where the test fixtures lie: surefire passes the project directory. */
final class HelmFixtures {
  private HelmFixtures() {}

  static Path projectDir() {
    return Path.of(System.getProperty("fluxlab.project.dir", System.getProperty("user.dir")));
  }

  static Path podinfoChart() {
    return projectDir().resolve("fixtures/charts/podinfo");
  }
}
