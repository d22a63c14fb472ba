package dev.fluxlab.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.cli.Cli;
import dev.fluxlab.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fluxlab diff} on a repository with a pull request's two commits. */
class DiffCommandTest {
  @TempDir Path state;
  @TempDir Path repo;

  @BeforeEach
  void repository() throws Exception {
    FleetHistory.write(repo);
  }

  private Run diff(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "diff";
    all[1] = "--set";
    all[2] = "state.dir=" + state;
    all[3] = "--repo";
    all[4] = repo.toString();
    System.arraycopy(args, 0, all, 5, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int exitCode, String out, String err) {}

  @Test
  void showsEveryChangeOfThePullRequestPerClusterAndExitsOne() {
    Run run = diff("--all-clusters", "clusters");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILURE);
    String staging = section(run.out(), "cluster staging:");
    String production = section(run.out(), "cluster production:");
    // The values change, down to the rendered Deployment.
    assertThat(staging)
        .contains("~ HelmRelease/podinfo/podinfo")
        .contains("spec.values.ui.message: \"Hello from staging\" -> \"Hi from staging\"")
        .contains("~ Deployment/podinfo/podinfo  (HelmRelease/podinfo/podinfo)");
    // The removed app: pruned with everything in it, and said so up front.
    assertThat(staging)
        .contains("- Kustomization/flux-system/legacy pruned")
        .contains("- ConfigMap/legacy/legacy-settings pruned")
        .contains("danger PRUNE: Namespace/legacy will be pruned")
        .contains("everything in the namespace is deleted with it");
    assertThat(staging).doesNotContain("failing at head").doesNotContain("dependsOn");
    // The new dependency that fails: the outcome with its reason, and what it holds back.
    assertThat(production)
        .contains("spec.dependsOn.1: added {\"name\":\"monitoring\"}")
        .contains(
            "! Kustomization/flux-system/apps Ready True -> Ready False DependencyNotReady:"
                + " unable to get 'flux-system/monitoring' dependency")
        .contains(
            "- HelmRelease/podinfo/podinfo kept failing: Kustomization/flux-system/apps fails")
        .contains("1 failing at head");
    assertThat(production).doesNotContain("Hi from staging").doesNotContain("legacy");
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void anUnchangedHeadSaysNoChangesAndExitsZero() {
    Run run = diff("--base", "HEAD", "--path", "clusters/staging", "--fail-on", "failures");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("cluster staging: no changes").endsWith("no changes\n");
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void aBadFormatIsAUsageErrorBeforeAnythingStarts() {
    Run run = diff("--path", "clusters/staging", "--format", "pdf");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo("fluxlab: --format pdf: must be text, markdown, json or html\n");
    assertThat(state).isEmptyDirectory();
  }

  /** The lines of one cluster's block in the text report. */
  private static String section(String out, String header) {
    int start = out.indexOf(header);
    assertThat(start).as("no '" + header + "' in:\n" + out).isNotNegative();
    int end = out.indexOf("\ncluster ", start + 1);
    return end < 0 ? out.substring(start) : out.substring(start, end);
  }
}
