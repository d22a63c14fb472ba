package dev.fluxlab.ops;

import dev.fluxlab.api.FluxLabException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds fluxlab's {@code fixtures/} directory (seed repositories and charts; {@code scenarios/} is
 * its sibling): the system property {@code fluxlab.fixtures}, the variable {@code
 * FLUXLAB_FIXTURES}, a sibling of the directory holding the jar (the source tree's {@code
 * target/fluxlab.jar} or {@code target/classes}, the distribution's {@code lib/fluxlab.jar}), or
 * below the working directory.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    List<Path> candidates = new ArrayList<>();
    String prop = System.getProperty("fluxlab.fixtures");
    if (prop != null) {
      candidates.add(Path.of(prop));
    }
    String env = System.getenv("FLUXLAB_FIXTURES");
    if (env != null) {
      candidates.add(Path.of(env));
    }
    String projectDir = System.getProperty("fluxlab.project.dir");
    if (projectDir != null) {
      candidates.add(Path.of(projectDir, "fixtures"));
    }
    try {
      Path code =
          Path.of(Fixtures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // <project>/target/fluxlab.jar or target/classes -> <project>/fixtures;
      // <dist>/lib/fluxlab.jar -> <dist>/fixtures (the extracted archive)
      candidates.add(code.getParent().getParent().resolve("fixtures"));
    } catch (URISyntaxException | RuntimeException e) {
      // no code location: fall back to the working directory
    }
    candidates.add(Path.of("fixtures").toAbsolutePath());
    for (Path c : candidates) {
      if (Files.isDirectory(c)) {
        return c.toAbsolutePath().normalize();
      }
    }
    throw new FluxLabException(
        "cannot find fluxlab's fixtures directory (looked in "
            + candidates
            + "); set FLUXLAB_FIXTURES to it");
  }

  public static Path get(String name) {
    Path p = root().resolve(name);
    if (!Files.isDirectory(p)) {
      throw new FluxLabException("fixture '" + name + "' not found in " + root());
    }
    return p;
  }
}
