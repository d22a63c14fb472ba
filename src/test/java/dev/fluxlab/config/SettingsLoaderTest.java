package dev.fluxlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path tmp;

  private Path settingsFile(String content) throws IOException {
    return Files.writeString(tmp.resolve("set-env.properties"), content);
  }

  private static Settings withSet(String... assignments) {
    return SettingsLoader.builtIn().withOverrides(List.of(assignments)).load();
  }

  @Test
  void builtInDefaultsDescribeAMultiClusterLabWithAutomaticBackend() {
    Settings s = SettingsLoader.builtIn().load();

    assertThat(s.layout()).isEqualTo(Layout.MULTI_CLUSTER);
    assertThat(s.backend()).isEqualTo(BackendChoice.AUTO);
    assertThat(s.clusters()).containsExactly("staging", "production");
    assertThat(s.envName()).isEqualTo("fluxlab");
    assertThat(s.podinfoStartVersion()).isNotEqualTo(s.podinfoNextVersion());
    assertThat(s.reconcileInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.gitPort()).isZero();
  }

  @Test
  void setOverridesEnvironmentWhichOverridesFileWhichOverridesBuiltIn() throws IOException {
    Path file = settingsFile("podinfo.version.next=6.9.2\nclusters=dev\n");
    Map<String, String> env =
        Map.of("FLUXLAB_PODINFO_VERSION_NEXT", "6.9.3", "FLUXLAB_LAYOUT", "multi-tenancy");

    Settings fileOnly = SettingsLoader.builtIn().withFile(file).load();
    Settings fileAndEnv = SettingsLoader.builtIn().withFile(file).withEnvironment(env).load();
    Settings all =
        SettingsLoader.builtIn()
            .withFile(file)
            .withEnvironment(env)
            .withOverrides(List.of("podinfo.version.next=6.9.4"))
            .load();

    assertThat(fileOnly.podinfoNextVersion()).isEqualTo("6.9.2");
    assertThat(fileAndEnv.podinfoNextVersion()).isEqualTo("6.9.3");
    assertThat(all.podinfoNextVersion()).isEqualTo("6.9.4");
    // Keys a higher layer does not name keep the value of the layer below.
    assertThat(all.clusters()).containsExactly("dev");
    assertThat(all.layout()).isEqualTo(Layout.MULTI_TENANCY);
    assertThat(all.backend()).isEqualTo(BackendChoice.AUTO);
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() {
    Settings s =
        SettingsLoader.builtIn()
            .withEnvironment(Map.of("FLUXLAB_CACHE", "/tmp/x", "PATH", "/usr/bin", "HOME", "/h"))
            .load();

    assertThat(s).isEqualTo(SettingsLoader.builtIn().load());
  }

  @Test
  void variableNameIsPrefixedUpperCaseWithUnderscores() {
    assertThat(SettingsLoader.variableName("podinfo.version.next"))
        .isEqualTo("FLUXLAB_PODINFO_VERSION_NEXT");
    assertThat(SettingsLoader.variableName("clusters")).isEqualTo("FLUXLAB_CLUSTERS");
    assertThat(SettingsLoader.variableName("some-key.x")).isEqualTo("FLUXLAB_SOME_KEY_X");
  }

  @Test
  void unknownKeyInSettingsFileNamesTheKeyAndTheFile() throws IOException {
    Path file = settingsFile("layout=multi-cluster\nclustres=a,b\n");

    assertThatThrownBy(() -> SettingsLoader.builtIn().withFile(file))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("unknown setting 'clustres'")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("clusters");
  }

  @Test
  void unknownKeyGivenToSetNamesTheKeyAndSet() {
    assertThatThrownBy(() -> withSet("nope=1"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining("--set");
  }

  @Test
  void missingSettingsFileIsAnError() {
    Path missing = tmp.resolve("absent.properties");

    assertThatThrownBy(() -> SettingsLoader.builtIn().withFile(missing))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void setWithoutEqualsSignIsRejected() {
    assertThatThrownBy(() -> withSet("layout"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("expected key=value");
  }

  @Test
  void badLayoutNamesKeySourceAndAllowedValues() {
    assertThatThrownBy(() -> withSet("layout=foo"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'layout' (from --set)")
        .hasMessageContaining("'foo'")
        .hasMessageContaining("multi-cluster, multi-tenancy");
  }

  @Test
  void badValueFromEnvironmentNamesTheVariable() {
    assertThatThrownBy(
            () -> SettingsLoader.builtIn().withEnvironment(Map.of("FLUXLAB_BACKEND", "podman")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'backend'")
        .hasMessageContaining("environment variable FLUXLAB_BACKEND")
        .hasMessageContaining("auto, embedded, docker");
  }

  @Test
  void badDurationNamesTheKey() {
    assertThatThrownBy(() -> withSet("reconcile.interval=soon"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'reconcile.interval'")
        .hasMessageContaining("'soon'");
    assertThatThrownBy(() -> withSet("timeout.ready=0s"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'timeout.ready'")
        .hasMessageContaining("positive");
  }

  @Test
  void durationsAcceptGoSyntax() {
    assertThat(withSet("timeout.ready=1m30s").readyTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void badPortNamesTheKey() {
    for (String bad : List.of("65536", "-1", "http")) {
      assertThatThrownBy(() -> withSet("git.port=" + bad))
          .as("git.port=%s", bad)
          .isInstanceOf(SettingsException.class)
          .hasMessageContaining("setting 'git.port'")
          .hasMessageContaining("'" + bad + "' is not a port number");
    }
    assertThat(withSet("git.port=3000").gitPort()).isEqualTo(3000);
  }

  @Test
  void duplicateClusterNamesAreRejected() {
    assertThatThrownBy(() -> withSet("clusters=staging, staging"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'clusters'")
        .hasMessageContaining("names a cluster twice");
  }

  @Test
  void clusterNamesMustBeDnsLabels() {
    assertThatThrownBy(() -> withSet("clusters=staging,Prod"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'clusters'")
        .hasMessageContaining("'Prod'");
    assertThatThrownBy(() -> withSet("clusters=staging,,prod"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'clusters'");
    assertThat(withSet("clusters= a , b ").clusters()).containsExactly("a", "b");
  }

  @Test
  void nextVersionEqualToStartVersionIsRejectedNamingTheKeyAndSource() {
    assertThatThrownBy(() -> withSet("podinfo.version.start=6.9.1", "podinfo.version.next=6.9.1"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'podinfo.version.next' (from --set)")
        .hasMessageContaining("must differ from podinfo.version.start (6.9.1)");
  }

  @Test
  void badVersionNamesTheKey() {
    assertThatThrownBy(() -> withSet("podinfo.version.next=latest"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'podinfo.version.next'")
        .hasMessageContaining("is not a version");
  }

  @Test
  void stateDirTildeIsTheUsersHome() {
    Path home = Path.of(System.getProperty("user.home"));

    assertThat(withSet("state.dir=~/labs").stateDir()).isEqualTo(home.resolve("labs"));
    assertThat(withSet("state.dir=~").stateDir()).isEqualTo(home);
    assertThat(SettingsLoader.builtIn().load().stateDir()).isEqualTo(home.resolve(".fluxlab"));
  }

  @Test
  void stateDirTildeFollowedByANameIsNotGluedToTheHomeDirectory() {
    Path home = Path.of(System.getProperty("user.home"));

    Path dir = withSet("state.dir=~labs/x").stateDir();

    assertThat(dir).isNotEqualTo(Path.of(home + "labs/x"));
    assertThat(dir.getFileName()).hasToString("x");
    assertThat(dir.getParent().getFileName()).hasToString("~labs");
  }

  @Test
  void stateDirIsMadeAbsolute() {
    Settings s = withSet("state.dir=" + tmp + "/a/../b");

    assertThat(s.stateDir()).isEqualTo(tmp.resolve("b"));
    assertThat(s.envDir()).isEqualTo(tmp.resolve("b").resolve("fluxlab"));
  }

  @Test
  void envNameMustBeADnsLabel() {
    assertThatThrownBy(() -> withSet("env.name=My_Lab"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'env.name'")
        .hasMessageContaining("lower-case");
  }

  @Test
  void chartUrlMayBeEmptyOrAnHttpOrOciUrl() {
    assertThat(withSet("podinfo.chart.url=").podinfoChartUrl()).isEmpty();
    assertThat(withSet("podinfo.chart.url=https://charts.example.test/podinfo").podinfoChartUrl())
        .isEqualTo("https://charts.example.test/podinfo");
    assertThatThrownBy(() -> withSet("podinfo.chart.url=ftp://x"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("setting 'podinfo.chart.url'");
  }
}
