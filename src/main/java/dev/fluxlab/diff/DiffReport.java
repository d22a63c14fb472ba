package dev.fluxlab.diff;

import java.util.List;

/**
 * The diff of every cluster between two revisions of a repository.
 *
 * @param base how the base revision was chosen and its commit ({@code 1a2b3c4 (merge-base with
 *     main)})
 * @param head the head revision, or "working tree"
 */
public record DiffReport(String base, String head, List<ClusterDiff> clusters) {
  public DiffReport {
    clusters = List.copyOf(clusters);
  }

  public boolean hasChanges() {
    return clusters.stream().anyMatch(ClusterDiff::hasChanges);
  }

  public boolean hasFailures() {
    return clusters.stream().anyMatch(ClusterDiff::hasFailures);
  }
}
