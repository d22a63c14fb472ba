package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.InvalidInputException;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Names one Flux object: {@code <kind> <name> [-n namespace] [--cluster c]}. */
final class ObjectSelector {
  @Parameters(
      index = "0",
      paramLabel = "KIND",
      description =
          "GitRepository|Kustomization|HelmRepository|HelmRelease (or gitrepo, ks, helmrepo, hr).")
  String kind;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "flux-system",
      description = "Namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--cluster", description = "Only this cluster (default: all clusters).")
  String cluster;

  FluxKind fluxKind() {
    return FluxKind.parse(kind)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "unknown kind '" + kind + "'; one of " + String.join(", ", FluxKind.names())));
  }

  List<String> clusters(Environment env) {
    if (cluster == null) {
      return env.clusters();
    }
    env.kubeconfig(cluster); // validates the name
    return List.of(cluster);
  }
}
