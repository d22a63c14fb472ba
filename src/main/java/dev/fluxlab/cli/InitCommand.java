package dev.fluxlab.cli;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    description = {
      "Set up fluxlab in your Flux repository: a starter scenario (fluxlab/smoke.yaml: every"
          + " Kustomization and HelmRelease of the cluster directory becomes Ready) and the CI file"
          + " that runs it with fluxlab check on every change.",
      "Writes nothing when any of the files exists already (unless --force)."
    })
final class InitCommand implements Callable<Integer> {
  static final String SCENARIO = "fluxlab/smoke.yaml";

  enum Ci {
    github,
    gitlab
  }

  @Option(
      names = "--ci",
      required = true,
      paramLabel = "PLATFORM",
      description = "github (.github/workflows/fluxlab.yml) or gitlab (.gitlab-ci.yml).")
  Ci ci;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Your repository (default: the working directory).")
  Path dir = Path.of(".");

  @Option(
      names = "--path",
      paramLabel = "PATH",
      description = "The cluster directory Flux syncs (default: the only one below clusters/).")
  String path;

  @Option(
      names = "--action",
      paramLabel = "OWNER/REPO@REF",
      description = "With --ci github: where fluxlab's GitHub Action lives for you.")
  String action;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description = "With --ci gitlab: the fluxlab image your runners can pull.")
  String image = "fluxlab:latest";

  @Option(names = "--force", description = "Overwrite files that exist.")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path repo = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(repo)) {
      throw new InvalidInputException("--dir " + dir + ": not a directory");
    }
    String clusterPath = clusterPath(repo);
    if (ci == Ci.github && (action == null || !action.matches("[^/\\s]+/[^@\\s]+@\\S+"))) {
      throw new InvalidInputException(
          "--ci github needs --action OWNER/REPO@REF: the repository of fluxlab's action for you"
              + " (e.g. your copy of fluxlab)");
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put(SCENARIO, StarterScenario.render(repo, clusterPath));
    Map<String, String> values =
        Map.of(
            "path",
            clusterPath,
            "scenario",
            SCENARIO,
            "action",
            String.valueOf(action),
            "image",
            image);
    files.put(
        ci == Ci.github ? ".github/workflows/fluxlab.yml" : ".gitlab-ci.yml",
        render(ci == Ci.github ? "github-workflow.yml" : "gitlab-ci.yml", values));
    List<String> existing =
        files.keySet().stream().filter(f -> Files.exists(repo.resolve(f))).toList();
    if (!existing.isEmpty() && !force) {
      throw new InvalidInputException(
          String.join(", ", existing) + " exists already in " + repo + " (--force overwrites)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      for (var file : files.entrySet()) {
        Path target = repo.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue());
        out.println("wrote " + file.getKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + repo, e);
    }
    out.println(
        "next: fluxlab check --repo . --path "
            + clusterPath
            + " && fluxlab run --repo . --path "
            + clusterPath
            + " "
            + SCENARIO
            + ", then commit and push");
    out.flush();
    return ExitCodes.OK;
  }

  /** --path, or the only directory below clusters/. */
  private String clusterPath(Path repo) {
    if (path != null) {
      if (!Files.isDirectory(repo.resolve(path))) {
        throw new InvalidInputException("--path " + path + ": no such directory in " + repo);
      }
      return path;
    }
    List<String> found = new ArrayList<>();
    Path clusters = repo.resolve("clusters");
    if (Files.isDirectory(clusters)) {
      try (Stream<Path> s = Files.list(clusters)) {
        s.filter(Files::isDirectory)
            .sorted()
            .forEach(d -> found.add("clusters/" + d.getFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + clusters, e);
      }
    }
    if (found.size() != 1) {
      throw new InvalidInputException(
          "--path: give the cluster directory Flux syncs"
              + (found.isEmpty()
                  ? " (there is no clusters/<name> in " + repo + ")"
                  : ": " + found));
    }
    return found.get(0);
  }

  private static String render(String template, Map<String, String> values) {
    try (InputStream in = InitCommand.class.getResourceAsStream("/fluxlab/init/" + template)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var v : values.entrySet()) {
        text = text.replace("${" + v.getKey() + "}", v.getValue());
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + template, e);
    }
  }

  /** The starter scenario: a wait for Ready per Flux Kustomization and HelmRelease in the path. */
  static final class StarterScenario {
    private StarterScenario() {}

    static String render(Path repo, String clusterPath) {
      List<String[]> objects = new ArrayList<>();
      try (Stream<Path> s = Files.walk(repo.resolve(clusterPath))) {
        for (Path f : s.filter(StarterScenario::isYaml).sorted().toList()) {
          for (Map<String, Object> doc : documents(f)) {
            String kind = String.valueOf(doc.get("kind"));
            String api = String.valueOf(doc.get("apiVersion"));
            if ((kind.equals("Kustomization") && api.startsWith("kustomize.toolkit.fluxcd.io/"))
                || (kind.equals("HelmRelease") && api.startsWith("helm.toolkit.fluxcd.io/"))) {
              Map<?, ?> meta = doc.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
              Object ns = meta.get("namespace");
              objects.add(
                  new String[] {
                    kind,
                    ns == null ? "flux-system" : ns.toString(),
                    String.valueOf(meta.get("name"))
                  });
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + clusterPath, e);
      }
      StringBuilder y = new StringBuilder();
      y.append(
              "# Written by `fluxlab init`. A fluxlab scenario: steps run in order against a fresh\n")
          .append(
              "# lab of this repository. Add edits (edit: file/set/value), checks of live objects\n")
          .append(
              "# (wait/assert: kind/namespace/name + field/equals), reconcile, suspend, resume.\n")
          .append("name: smoke\n")
          .append("description: Every Flux object of ")
          .append(clusterPath)
          .append(" becomes Ready.\n")
          .append("steps:\n");
      if (objects.isEmpty()) {
        // fluxlab's own bootstrap Kustomization syncs the path.
        objects.add(new String[] {"Kustomization", "flux-system", "flux-system"});
      }
      for (String[] o : objects) {
        y.append("  - wait:\n")
            .append("      kind: ")
            .append(o[0])
            .append("\n      namespace: ")
            .append(o[1])
            .append("\n      name: ")
            .append(o[2])
            .append("\n      ready: true\n");
      }
      return y.toString();
    }

    private static boolean isYaml(Path f) {
      String n = f.getFileName().toString();
      return Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    /** A file that is not YAML (or is templated) contributes nothing to the starter. */
    private static List<Map<String, Object>> documents(Path f) throws IOException {
      try {
        return Yaml.documents(Files.readString(f));
      } catch (RuntimeException e) {
        return List.of();
      }
    }
  }
}
