package dev.fluxlab.junit;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.ChartPublisher;
import dev.fluxlab.api.Environment;
import dev.fluxlab.config.BackendChoice;
import dev.fluxlab.config.Settings;
import dev.fluxlab.config.SettingsLoader;
import dev.fluxlab.docker.DockerBackend;
import dev.fluxlab.docker.DockerEngine;
import dev.fluxlab.embedded.EmbeddedBackend;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.Diagnostics;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link FluxLab}: deploys the environment before a test class (or once for
 * all classes that share a configuration), injects it, writes diagnostics when a test fails, and
 * tears it down through the extension store when the class (or the run) ends.
 */
public final class FluxLabExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {
  private static final Namespace NAMESPACE = Namespace.create(FluxLabExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    FluxLab config = config(context);
    ExtensionContext owner = config.shared() ? context.getRoot() : context;
    owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key(config), k -> start(config, context), Running.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FluxLabEnvironment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).handle;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Running running = running(context);
    Path dir =
        Path.of(
            "target",
            "fluxlab-diagnostics",
            context.getRequiredTestClass().getSimpleName(),
            context.getDisplayName().replaceAll("[^A-Za-z0-9._-]", "_"));
    Diagnostics.write(running.env, dir);
    System.err.println("fluxlab: diagnostics of the failed test are in " + dir.toAbsolutePath());
    if (config(context).keepOnFailure() || Boolean.getBoolean("fluxlab.keepOnFailure")) {
      running.keep = true;
      System.err.println(
          "fluxlab: keeping environment '"
              + running.env.name()
              + "' in "
              + running.env.dir()
              + " (kubeconfigs there; embedded clusters stop with this JVM)");
    }
  }

  private static Running running(ExtensionContext context) {
    FluxLab config = config(context);
    ExtensionContext owner = config.shared() ? context.getRoot() : classContext(context);
    Running running = owner.getStore(NAMESPACE).get(key(config), Running.class);
    if (running == null) {
      throw new IllegalStateException("no fluxlab environment for " + context.getDisplayName());
    }
    return running;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static FluxLab config(ExtensionContext context) {
    Class<?> type = context.getRequiredTestClass();
    while (type != null && !type.isAnnotationPresent(FluxLab.class)) {
      type = type.getEnclosingClass();
    }
    if (type == null) {
      throw new IllegalStateException("@FluxLab is missing on " + context.getRequiredTestClass());
    }
    return type.getAnnotation(FluxLab.class);
  }

  private static String key(FluxLab c) {
    return String.join(
        "|",
        c.repo(),
        c.path(),
        c.backend().id(),
        Arrays.toString(c.settings()),
        Arrays.toString(c.chartMirrors()));
  }

  private static Running start(FluxLab config, ExtensionContext context) {
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("fluxlab-junit-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = envName(context);
    List<String> overrides = new ArrayList<>(Arrays.asList(config.settings()));
    overrides.add("state.dir=" + stateDir);
    overrides.add("env.name=" + name);
    Settings settings = SettingsLoader.builtIn().withOverrides(overrides).load();
    SeedPlan plan;
    if (config.path().isEmpty()) {
      plan = SeedPlan.fixture(settings);
    } else {
      plan =
          SeedPlan.userRepository(
              Path.of(config.repo()).toAbsolutePath().normalize(), config.path());
      overrides.add("clusters=" + String.join(",", plan.clusters()));
      settings = SettingsLoader.builtIn().withOverrides(overrides).load();
    }
    Backend backend = backend(config, settings, !config.path().isEmpty());
    Environment env = new Deployer(backend, settings, plan, line -> {}).deploy();
    return new Running(env, settings, stateDir);
  }

  /**
   * @param usersRepository the user's own repository is seeded: fluxlab's podinfo chart (which
   *     lives in fluxlab's source tree, not in the jar) is not published
   */
  private static Backend backend(FluxLab config, Settings settings, boolean usersRepository) {
    ChartPublisher charts = usersRepository ? ChartPublisher.NONE : new PodinfoCharts();
    if (config.backend() == BackendChoice.DOCKER) {
      requireDocker(settings);
      return new DockerBackend(charts, line -> {});
    }
    if (config.backend() == BackendChoice.AUTO
        && DockerEngine.unusableReason(settings.docker()) == null) {
      return new DockerBackend(charts, line -> {});
    }
    if (!onPath("kubectl")) {
      throw new TestAbortedException(
          "fluxlab: the embedded backend needs kubectl on PATH (for kustomize)");
    }
    Map<String, Path> mirrors = new LinkedHashMap<>();
    for (String m : config.chartMirrors()) {
      int eq = m.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("@FluxLab(chartMirrors): '" + m + "' is not URL=DIR");
      }
      mirrors.put(m.substring(0, eq), Path.of(m.substring(eq + 1)).toAbsolutePath());
    }
    return new EmbeddedBackend("kubectl", charts, mirrors);
  }

  /** Skips the test, saying why, where the docker backend cannot run: no engine, or no image. */
  private static void requireDocker(Settings settings) {
    if (!DockerEngine.isReachable()) {
      throw new TestAbortedException("fluxlab: docker backend: no Docker engine reachable");
    }
    List<String> unavailable =
        DockerEngine.pullMissing(settings.docker().requiredImagesBySetting(), image -> {});
    if (!unavailable.isEmpty()) {
      throw new TestAbortedException(
          "fluxlab: docker backend: images not present locally and not pullable: "
              + String.join(", ", unavailable));
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(java.io.File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  /** A valid, short, unique environment name derived from the test class. */
  private static String envName(ExtensionContext context) {
    String base =
        context
            .getRequiredTestClass()
            .getSimpleName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]", "");
    base = base.isEmpty() ? "test" : base.substring(0, Math.min(20, base.length()));
    return base + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** A running environment in the store; closing it tears it down unless a failure kept it. */
  private static final class Running
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final Environment env;
    final FluxLabEnvironment handle;
    final Path stateDir;
    volatile boolean keep;

    Running(Environment env, Settings settings, Path stateDir) {
      this.env = env;
      this.handle = new FluxLabEnvironment(env, settings);
      this.stateDir = stateDir;
    }

    @Override
    public void close() {
      env.close();
      if (!keep) {
        Teardown.run(stateDir, env.name());
        try {
          Files.deleteIfExists(stateDir);
        } catch (IOException e) {
          // an empty temp directory left behind is harmless
        }
      }
    }
  }
}
