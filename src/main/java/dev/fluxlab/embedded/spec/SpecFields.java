package dev.fluxlab.embedded.spec;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of one Flux kind's spec fields: each is handled by the embedded reconciler or
 * refused, never silently ignored. {@link #refusal} finds the first refused field an object sets;
 * the controllers turn it into Ready=False {@value #REASON}. {@code SpecFieldsSchemaTest} walks the
 * CRD schema of the pinned Flux release and fails on any field no entry covers.
 */
public final class SpecFields {
  /** The Ready=False reason of an object that sets a refused field. */
  public static final String REASON = "UnsupportedField";

  public static final SpecFields KUSTOMIZATION =
      new SpecFields("kustomize.toolkit.fluxcd.io/v1", "Kustomization", KustomizationFields.ALL);
  public static final SpecFields HELM_RELEASE =
      new SpecFields("helm.toolkit.fluxcd.io/v2", "HelmRelease", HelmReleaseFields.ALL);
  public static final SpecFields OCI_REPOSITORY =
      new SpecFields("source.toolkit.fluxcd.io/v1", "OCIRepository", OCIRepositoryFields.ALL);
  public static final SpecFields HELM_REPOSITORY =
      new SpecFields("source.toolkit.fluxcd.io/v1", "HelmRepository", HelmRepositoryFields.ALL);

  private final String apiVersion;
  private final String kind;
  private final List<SpecField> fields;

  SpecFields(String apiVersion, String kind, List<SpecField> fields) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.fields = List.copyOf(fields);
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  public List<SpecField> fields() {
    return fields;
  }

  /** The entry that decides for {@code path}: the most specific one covering it. */
  public Optional<SpecField> entryFor(String path) {
    return fields.stream()
        .filter(f -> f.covers(path))
        .max(Comparator.comparingInt(f -> f.path().length()));
  }

  /**
   * The message for the first refused field {@code spec} sets ({@code "spec.X is not supported by
   * fluxlab's embedded backend: why"}), or empty when everything it sets is handled.
   */
  public Optional<String> refusal(Map<String, Object> spec) {
    return walk("spec", spec);
  }

  private Optional<String> walk(String path, Object value) {
    SpecField entry = entryFor(path).orElse(null);
    if (entry != null
        && entry.support() == SpecField.Support.REFUSED
        && !entry.accepted().contains(value)) {
      return Optional.of(
          path.replace("[]", "")
              + " is not supported by fluxlab's embedded backend: "
              + entry.note());
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Optional<String> found = walk(path + "." + e.getKey(), e.getValue());
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (value instanceof List<?> list && !path.equals("spec")) {
      for (Object item : list) {
        Optional<String> found = walk(path + "[]", item);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
