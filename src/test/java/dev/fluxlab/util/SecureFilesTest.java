package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
  @Test
  void directoriesFluxlabCreatesAreOwnerOnlyAndExistingOnesKeepTheirMode(@TempDir Path base)
      throws IOException {
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));

    SecureFiles.createOwnerOnlyDirectories(base.resolve("state/nested"));

    assertThat(mode(base)).isEqualTo("rwxr-xr-x");
    assertThat(mode(base.resolve("state"))).isEqualTo("rwx------");
    assertThat(mode(base.resolve("state/nested"))).isEqualTo("rwx------");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
