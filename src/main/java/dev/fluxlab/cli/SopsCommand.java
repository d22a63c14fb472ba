package dev.fluxlab.cli;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.sops.AgeKey;
import dev.fluxlab.sops.EnvironmentKey;
import dev.fluxlab.sops.Sops;
import dev.fluxlab.sops.SopsException;
import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sops",
    mixinStandardHelpOptions = true,
    description =
        "SOPS with the environment's throwaway age key (the cluster's flux-system/sops-age Secret).",
    subcommands = {SopsCommand.Key.class, SopsCommand.Encrypt.class})
final class SopsCommand {
  /** sops' exit code for a file that already has SOPS metadata (cmd/sops/codes). */
  private static final int FILE_ALREADY_ENCRYPTED = 203;

  @Command(
      name = "key",
      description =
          "Print the public age recipient of the environment's throwaway key, made on first use"
              + " and kept 0600 at <state.dir>/<env.name>/sops/age.agekey until teardown. The"
              + " private key is never printed.")
  static final class Key extends EnvCommand {
    @Override
    public Integer call() {
      out().println(environmentKey(settings()).recipient());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "encrypt",
      description =
          "Encrypt FILE with the real sops for the environment's age key: YAML/JSON manifests with"
              + " --encrypted-regex '^(data|stringData)$' (as Flux's guide recommends), other"
              + " formats whole. Prints the result, or with --in-place replaces FILE.")
  static final class Encrypt extends EnvCommand {
    @Parameters(paramLabel = "FILE", description = "The plain file.")
    Path file;

    @Option(names = "--in-place", description = "Replace FILE with the encrypted file.")
    boolean inPlace;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(file + ": no such file");
      }
      Settings settings = settings();
      AgeKey key = environmentKey(settings);
      byte[] encrypted;
      try {
        encrypted =
            Sops.locate(EnvironmentKey.workDir(settings.envDir())).encrypt(file, key.recipient());
      } catch (SopsException e) {
        if (e.exitCode() == FILE_ALREADY_ENCRYPTED) {
          throw new InvalidInputException(file + ": is already SOPS-encrypted");
        }
        throw new FluxLabException("sops encrypt " + file + ": " + e.getMessage());
      }
      if (inPlace) {
        Path tmp = file.resolveSibling(file.getFileName() + ".fluxlab-sops.tmp");
        Files.write(tmp, encrypted);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out().println(file + ": encrypted for " + key.recipient());
      } else {
        out().print(new String(encrypted, StandardCharsets.UTF_8));
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  private static AgeKey environmentKey(Settings settings) {
    SecureFiles.createOwnerOnlyDirectories(settings.envDir());
    return EnvironmentKey.ensure(settings.envDir());
  }
}
