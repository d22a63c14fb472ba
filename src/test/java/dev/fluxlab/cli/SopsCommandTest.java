package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.sops.SopsBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopsCommandTest {
  @Test
  void keyPrintsOnlyThePublicRecipientOfAKeptKey(@TempDir Path state) throws IOException {
    String[] args = {"sops", "key", "--set", "state.dir=" + state, "--name", "lab"};
    CliRun first = CliRun.of(args);
    CliRun second = CliRun.of(args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).matches("age1[0-9a-z]{58}\n");
    assertThat(second.out()).isEqualTo(first.out());
    Path key = state.resolve("lab/sops/age.agekey");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String identity =
        Files.readAllLines(key).stream().filter(l -> l.startsWith("AGE-SECRET")).findFirst().get();
    assertThat(first.out() + first.err()).doesNotContain(identity);
  }

  @Test
  void encryptingAMissingFileIsBadInput(@TempDir Path state) {
    CliRun run =
        CliRun.of(
            "sops",
            "encrypt",
            state.resolve("nope.yaml").toString(),
            "--set",
            "state.dir=" + state);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("fluxlab: " + state.resolve("nope.yaml") + ": no such file\n");
  }

  @Test
  void encryptWritesOnlyCiphertextForTheEnvironmentsKey(@TempDir Path state) throws IOException {
    Assumptions.assumeTrue(SopsBinary.find().isPresent(), SopsBinary.missing());
    Path file = state.resolve("secret.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter22\n");

    CliRun key = CliRun.of("sops", "key", "--set", "state.dir=" + state);
    CliRun run =
        CliRun.of("sops", "encrypt", file.toString(), "--in-place", "--set", "state.dir=" + state);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String encrypted = Files.readString(file);
    assertThat(encrypted)
        .doesNotContain("hunter22")
        .contains("password: ENC[AES256_GCM,")
        .contains("name: db")
        .contains(key.out().strip());
    CliRun again = CliRun.of("sops", "encrypt", file.toString(), "--set", "state.dir=" + state);
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("is already SOPS-encrypted");
  }
}
