package dev.fluxlab.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.diff.ClusterDiff.Added;
import dev.fluxlab.diff.ClusterDiff.Changed;
import dev.fluxlab.diff.ClusterDiff.Danger;
import dev.fluxlab.diff.ClusterDiff.DangerKind;
import dev.fluxlab.diff.ClusterDiff.Deleted;
import dev.fluxlab.diff.ClusterDiff.Fate;
import dev.fluxlab.diff.ClusterDiff.Outcome;
import dev.fluxlab.diff.render.Reports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same report in every format: all of it there, nothing of a Secret, nothing fetched. */
class ReportsTest {
  private static final String KS = "Kustomization/flux-system/apps";

  private final DiffReport report =
      new DiffReport(
          "1a2b3c4 (merge-base with main)",
          "working tree",
          List.of(
              new ClusterDiff(
                  "staging",
                  true,
                  true,
                  List.of(
                      new Added(
                          new ObjectId("v1", "Secret", "app", "db"),
                          KS,
                          Map.of("kind", "Secret", "data", Map.of("password", Masking.HIDDEN)))),
                  List.of(
                      new Changed(
                          new ObjectId("v1", "ConfigMap", "app", "values"),
                          KS,
                          List.of(
                              new FieldChange("data.greeting", "hello", "hi <b>"),
                              new FieldChange(
                                  "data.values\\.yaml", "a: 1\nb: 2\n", "a: 1\nb: 3\n")))),
                  List.of(
                      new Deleted(
                          new ObjectId("v1", "ConfigMap", "legacy", "old"),
                          KS,
                          Fate.PRUNED,
                          "no longer in " + KS + ", which prunes it")),
                  List.of(
                      new Outcome(
                          new ObjectId(
                              "kustomize.toolkit.fluxcd.io/v1",
                              "Kustomization",
                              "flux-system",
                              "db"),
                          "True",
                          "False",
                          "DependencyNotReady",
                          "dependency 'flux-system/x' is not ready")),
                  List.of(new Danger(DangerKind.PRUNE, "ConfigMap/legacy/old", "will be pruned"))),
              new ClusterDiff(
                  "production",
                  true,
                  true,
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of())));

  private static String render(DiffReport r, Reports.Format format) {
    StringWriter out = new StringWriter();
    Reports.write(r, format, new PrintWriter(out));
    return out.toString();
  }

  @Test
  void markdownIsAPullRequestCommentWithASummaryTableAndCollapsibleDetails() {
    String md = render(report, Reports.Format.MARKDOWN);

    assertThat(md)
        .startsWith("<!-- fluxlab-diff -->\n")
        .contains("| staging | 1 | 1 | 1 | **1** | **1** |")
        .contains("| production | 0 | 0 | 0 | 0 | 0 |")
        .contains("**PRUNE** `ConfigMap/legacy/old` will be pruned")
        .contains("❌ `Kustomization/flux-system/db` Ready True -> Ready False DependencyNotReady")
        .contains("<details><summary>Changed: 1 objects</summary>")
        .contains("    data.greeting: \"hello\" -> \"hi <b>\"")
        .contains("- b: 2\n+ b: 3")
        .contains("  password: (value hidden)")
        .doesNotContain("#### production");
  }

  @Test
  void jsonCarriesEveryChangeForTools() throws Exception {
    JsonNode json = new ObjectMapper().readTree(render(report, Reports.Format.JSON));

    assertThat(json.path("changes").asBoolean()).isTrue();
    assertThat(json.path("failures").asBoolean()).isTrue();
    JsonNode staging = json.path("clusters").path(0);
    assertThat(staging.path("cluster").asText()).isEqualTo("staging");
    assertThat(staging.path("changed").path(0).path("fields").path(0).path("after").asText())
        .isEqualTo("hi <b>");
    assertThat(staging.path("deleted").path(0).path("fate").asText()).isEqualTo("PRUNED");
    assertThat(staging.path("fluxOutcomes").path(0).path("reason").asText())
        .isEqualTo("DependencyNotReady");
    assertThat(json.path("clusters").path(1).path("changes").asBoolean()).isFalse();
  }

  @Test
  void htmlIsOneSelfContainedEscapedPage() {
    String html = render(report, Reports.Format.HTML);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
    assertThat(html).contains("hi &lt;b&gt;").doesNotContain("hi <b>");
    assertThat(html).doesNotContain("<script", "src=", "http://", "https://");
  }

  @Test
  void noChangesIsSaidInEveryFormat() {
    DiffReport none =
        new DiffReport(
            "HEAD (1a2b3c4)",
            "working tree",
            List.of(
                new ClusterDiff(
                    "staging", true, true, List.of(), List.of(), List.of(), List.of(), List.of())));

    assertThat(render(none, Reports.Format.TEXT))
        .contains("cluster staging: no changes")
        .endsWith("\nno changes\n");
    assertThat(render(none, Reports.Format.MARKDOWN)).contains("**no changes** on 1 clusters");
    assertThat(render(none, Reports.Format.HTML)).contains("<strong>no changes</strong>");
  }
}
