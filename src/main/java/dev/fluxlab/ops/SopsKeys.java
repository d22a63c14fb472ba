package dev.fluxlab.ops;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.sops.EnvironmentKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What goes into every cluster's {@code flux-system/sops-age} Secret: the environment's throwaway
 * age key ({@code age.agekey}, what fixtures are encrypted with) and the user's own key file from
 * {@code sops.age.keyfile} ({@code user.agekey}). kustomize-controller imports every {@code
 * *.agekey} entry, so files encrypted for either decrypt.
 */
final class SopsKeys {
  static final String ENVIRONMENT_ENTRY = "age.agekey";
  static final String USER_ENTRY = "user.agekey";

  private SopsKeys() {}

  static Map<String, String> forClusters(Path envDir, Path userKeyFile) {
    Map<String, String> entries = new LinkedHashMap<>();
    EnvironmentKey.ensure(envDir);
    entries.put(ENVIRONMENT_ENTRY, read(EnvironmentKey.file(envDir), "the environment's age key"));
    if (userKeyFile != null) {
      entries.put(USER_ENTRY, read(userKeyFile, "setting 'sops.age.keyfile'"));
    }
    return entries;
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(what + ": " + file + " cannot be read: " + e.getMessage());
    }
  }
}
