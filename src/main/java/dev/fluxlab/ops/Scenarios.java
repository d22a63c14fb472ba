package dev.fluxlab.ops;

import dev.fluxlab.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds scenario files: a path, or a name in fluxlab's {@code scenarios/} directory. */
public final class Scenarios {
  private Scenarios() {}

  public static Path directory() {
    return Fixtures.root().getParent().resolve("scenarios");
  }

  public static Path find(String nameOrPath) {
    Path direct = Path.of(nameOrPath);
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    Path named = directory().resolve(nameOrPath + ".yaml");
    if (Files.isRegularFile(named)) {
      return named;
    }
    throw new InvalidInputException(
        "no scenario '"
            + nameOrPath
            + "' (not a file, and not in "
            + directory()
            + ": "
            + String.join(", ", names())
            + ")");
  }

  public static List<String> names() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
