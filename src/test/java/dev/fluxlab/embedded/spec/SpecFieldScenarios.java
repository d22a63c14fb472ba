package dev.fluxlab.embedded.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fidelity repositories of the supported spec fields: scenarios in {@code
 * src/test/resources/spec-fields}, each adding small repositories (a path and the Flux object that
 * uses the fields) to the multi-cluster fixture and checking the resulting objects field by field.
 */
public final class SpecFieldScenarios {
  private static final Path DIR = Path.of("src", "test", "resources", "spec-fields");

  private SpecFieldScenarios() {}

  public static List<Path> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String name(Path file) {
    return file.getFileName().toString().replaceFirst("\\.yaml$", "");
  }
}
