package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.docker.DockerBackend;
import dev.fluxlab.ops.Phases;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code deploy} prints once an environment is Ready: timings and where to find things. */
final class DeploySummary {
  private DeploySummary() {}

  static void print(PrintWriter out, Environment env, Phases phases) {
    out.printf("  %-40s %6d ms%n", "total", phases.total().toMillis());
    out.println();
    out.println("environment '" + env.name() + "' is Ready (" + env.info().backend() + " backend)");
    // Read back: the file written when the environment became Ready lists the seeded repositories.
    for (String repo : EnvironmentInfo.read(env.dir()).repositories()) {
      out.println("  git repository  " + env.repositoryUrl(repo));
    }
    out.println(
        "  git credentials "
            + env.info().credentialsFile()
            + " (user "
            + env.credentials().username()
            + ")");
    Path giteaLogin = env.dir().resolve(DockerBackend.GITEA_LOGIN_FILE);
    if (Files.exists(giteaLogin)) {
      out.println("  Gitea web UI    " + env.info().gitUrl() + " (login: " + giteaLogin + ")");
    }
    for (String cluster : env.clusters()) {
      out.println("  kubeconfig      " + cluster + ": " + env.kubeconfig(cluster));
    }
    String first = env.clusters().get(0);
    out.println(
        "try: kubectl --kubeconfig "
            + env.kubeconfig(first)
            + " get kustomizations,helmreleases -A");
    out.flush();
  }
}
