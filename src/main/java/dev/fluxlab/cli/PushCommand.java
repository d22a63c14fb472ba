package dev.fluxlab.cli;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.oci.ArtifactUrl;
import dev.fluxlab.oci.FluxArtifact;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = "Push to the environment's OCI registry.",
    subcommands = PushCommand.Artifact.class)
final class PushCommand {
  @Command(
      name = "artifact",
      description =
          "Push a directory as a Flux OCI artifact (what `flux push artifact` does): one tar.gz"
              + " layer, Flux's media types, source/revision/created annotations, to the"
              + " environment's registry with its credentials. Prints the digest.")
  static final class Artifact extends EnvCommand {
    @Parameters(
        paramLabel = "URL",
        description =
            "oci://"
                + RegistryRoute.STABLE_HOST
                + "/REPO:TAG (the environment's registry by its stable name, or its local"
                + " address)")
    String url;

    @Option(
        names = {"--path", "-f"},
        required = true,
        paramLabel = "DIR",
        description = "Directory with the manifests to push.")
    Path path;

    @Option(
        names = "--source",
        required = true,
        paramLabel = "URL",
        description = "Where the content comes from, e.g. the Git URL.")
    String source;

    @Option(
        names = "--revision",
        required = true,
        paramLabel = "REV",
        description = "The source revision, e.g. '<branch|tag>@sha1:<commit>'.")
    String revision;

    @Option(
        names = {"--annotations", "-a"},
        paramLabel = "KEY=VALUE",
        description = "Extra OCI annotations of the manifest (repeatable).")
    List<String> annotations = List.of();

    @Override
    public Integer call() {
      ArtifactUrl target;
      try {
        target = ArtifactUrl.parse(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("URL " + url + ": " + e.getMessage());
      }
      if (!Files.isDirectory(path)) {
        throw new InvalidInputException("--path " + path + ": not a directory");
      }
      if (source.isBlank()) {
        throw new InvalidInputException("--source: must not be empty");
      }
      if (revision.isBlank()) {
        throw new InvalidInputException("--revision: must not be empty");
      }
      Map<String, String> extra = new LinkedHashMap<>();
      for (String a : annotations) {
        int eq = a.indexOf('=');
        if (eq <= 0 || a.indexOf('=', eq + 1) >= 0) {
          throw new InvalidInputException(
              "--annotations " + a + ": must be in the format key=value");
        }
        extra.put(a.substring(0, eq), a.substring(eq + 1));
      }
      Settings settings = settings();
      RegistryAccess access = RegistryAccess.read(settings.envDir());
      if (!target.host().equals(RegistryRoute.STABLE_HOST)
          && !target.host().equals(access.host())) {
        throw new InvalidInputException(
            "URL "
                + url
                + ": only the environment's registry is reachable ("
                + RegistryRoute.STABLE_HOST
                + " or "
                + access.host()
                + ")");
      }
      FluxArtifact.Pushed pushed =
          FluxArtifact.push(
              OciClient.forRegistry(access),
              target.repository(),
              target.tag(),
              path,
              source,
              revision,
              extra,
              settings.envDir().resolve("oci-push"));
      out().printf("pushed %s@%s (%d files)%n", target, pushed.digest(), pushed.files());
      return ExitCodes.OK;
    }
  }
}
