package dev.fluxlab.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentKeyTest {
  @Test
  void aKeyIsMadeOnceKeptOwnerOnlyAndShowsOnlyItsRecipient(@TempDir Path env) throws IOException {
    AgeKey first = EnvironmentKey.ensure(env);
    AgeKey again = EnvironmentKey.ensure(env);

    assertThat(first.recipient()).startsWith("age1").hasSize(62);
    assertThat(first.identity()).startsWith("AGE-SECRET-KEY-1");
    assertThat(again.recipient()).isEqualTo(first.recipient());
    assertThat(again.identity()).isEqualTo(first.identity());
    assertThat(first.toString()).contains(first.recipient()).doesNotContain(first.identity());
    Path file = EnvironmentKey.file(env);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file))
        .contains("# public key: " + first.recipient() + "\n")
        .endsWith(first.identity() + "\n");
  }

  @Test
  void everyEnvironmentGetsItsOwnKey(@TempDir Path tmp) {
    assertThat(EnvironmentKey.ensure(tmp.resolve("a")).recipient())
        .isNotEqualTo(EnvironmentKey.ensure(tmp.resolve("b")).recipient());
  }
}
