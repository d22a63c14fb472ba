package dev.fluxlab.docker;

import dev.fluxlab.config.SettingsLoader;
import dev.fluxlab.embedded.PodinfoCharts;
import java.util.Arrays;

/**
 * A process that starts a docker environment and holds it, as {@code fluxlab serve} does, so a test
 * can kill it with SIGKILL. Arguments: setting overrides (key=value).
 */
public final class HoldEnvironment {
  static final String STARTED = "hold-environment: started";

  private HoldEnvironment() {}

  public static void main(String[] args) throws InterruptedException {
    var settings = SettingsLoader.builtIn().withOverrides(Arrays.asList(args)).load();
    new DockerBackend(new PodinfoCharts(), line -> {}).start(settings);
    System.out.println(STARTED);
    System.out.flush();
    Thread.currentThread().join();
  }
}
