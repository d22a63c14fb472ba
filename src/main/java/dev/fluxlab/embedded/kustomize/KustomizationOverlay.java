package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kustomization spec fields that kustomize-controller writes into the {@code
 * kustomization.yaml} of the path before it builds it (fluxcd/pkg/kustomize's generator): {@code
 * targetNamespace} as {@code namespace}, {@code namePrefix}, {@code nameSuffix}, {@code patches}
 * (appended), {@code components} (appended; local relative paths only, missing ones left out with
 * {@code ignoreMissingComponents}), {@code images} (merged into an entry of the same name) and
 * {@code buildMetadata}. kustomize itself then does the work, as it does in Flux.
 */
public final class KustomizationOverlay {
  public static final KustomizationOverlay NONE = new KustomizationOverlay(Map.of());

  /** The spec fields the overlay reads; only they decide what a build sees (and its cache key). */
  private static final List<String> FIELDS =
      List.of(
          "targetNamespace",
          "namePrefix",
          "nameSuffix",
          "patches",
          "components",
          "ignoreMissingComponents",
          "images",
          "buildMetadata");

  private final Map<String, Object> spec;

  private KustomizationOverlay(Map<String, Object> spec) {
    this.spec = spec;
  }

  /** The overlay of a Kustomization's {@code spec}. */
  public static KustomizationOverlay of(Map<String, Object> spec) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String field : FIELDS) {
      if (spec.get(field) != null) {
        fields.put(field, spec.get(field));
      }
    }
    return new KustomizationOverlay(fields);
  }

  boolean isEmpty() {
    return spec.isEmpty();
  }

  /**
   * The kustomization file's content with the overlay merged in; {@code content} itself when the
   * overlay changes nothing.
   *
   * @param dir the directory of the kustomization file (where components are looked for)
   */
  String applyTo(String content, Path dir) {
    if (spec.isEmpty()) {
      return content;
    }
    try {
      Map<String, Object> kus = new LinkedHashMap<>(Yaml.map(content));
      return apply(kus, dir) ? Yaml.write(kus) : content;
    } catch (IllegalArgumentException e) {
      throw new BuildException(
          "BuildFailed", "kustomize build failed: kustomization.yaml: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KustomizationOverlay other && spec.equals(other.spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  /** Sets the overlay's fields in {@code kus}; true when anything changed. */
  boolean apply(Map<String, Object> kus, Path dir) {
    boolean changed = false;
    changed |= putString(kus, "namespace", "targetNamespace");
    changed |= putString(kus, "namePrefix", "namePrefix");
    changed |= putString(kus, "nameSuffix", "nameSuffix");
    List<Object> patches = Maps.list(spec, "patches");
    if (!patches.isEmpty()) {
      List<Object> all = new ArrayList<>(Maps.list(kus, "patches"));
      all.addAll(patches);
      kus.put("patches", all);
      changed = true;
    }
    List<Object> components = Maps.list(spec, "components");
    if (!components.isEmpty()) {
      List<Object> all = new ArrayList<>(Maps.list(kus, "components"));
      for (Object c : components) {
        String component = String.valueOf(c);
        if (!isLocalRelative(component)) {
          throw new BuildException(
              "BuildFailed", "component path '" + component + "' must be local and relative");
        }
        if (Maps.bool(spec, "ignoreMissingComponents")
            && !Files.exists(dir.resolve(component).normalize())) {
          continue;
        }
        all.add(component);
      }
      kus.put("components", all);
      changed = true;
    }
    List<Object> images = Maps.list(spec, "images");
    if (!images.isEmpty()) {
      kus.put("images", mergeImages(Maps.list(kus, "images"), images));
      changed = true;
    }
    List<Object> buildMetadata = Maps.list(spec, "buildMetadata");
    if (!buildMetadata.isEmpty()) {
      kus.put("buildMetadata", buildMetadata);
      changed = true;
    }
    return changed;
  }

  private boolean putString(Map<String, Object> kus, String kustomizeField, String specField) {
    String value = Maps.string(spec, specField);
    if (value == null) {
      return false;
    }
    kus.put(kustomizeField, value);
    return true;
  }

  /**
   * An image of the spec replaces the fields it sets in an entry of the same name (newTag and
   * digest together, as one version), else it is appended.
   */
  private static List<Object> mergeImages(List<Object> existing, List<Object> overrides) {
    List<Object> merged = new ArrayList<>();
    for (Object e : existing) {
      merged.add(new LinkedHashMap<>(Maps.map(e)));
    }
    for (Object o : overrides) {
      Map<String, Object> image = Maps.map(o);
      Map<String, Object> same = null;
      for (Object m : merged) {
        if (Maps.string(m, "name") != null && Maps.string(m, "name").equals(image.get("name"))) {
          same = Maps.map(m);
        }
      }
      if (same == null) {
        merged.add(new LinkedHashMap<>(image));
        continue;
      }
      if (notEmpty(image, "newName")) {
        same.put("newName", image.get("newName"));
      }
      if (notEmpty(image, "newTag") || notEmpty(image, "digest")) {
        same.remove("newTag");
        same.remove("digest");
        if (notEmpty(image, "newTag")) {
          same.put("newTag", image.get("newTag"));
        }
        if (notEmpty(image, "digest")) {
          same.put("digest", image.get("digest"));
        }
      }
    }
    return merged;
  }

  private static boolean notEmpty(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s && !s.isEmpty();
  }

  /** Not remote (git, GitHub, http) and not absolute: what fluxcd/pkg/kustomize allows. */
  private static boolean isLocalRelative(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    for (String remote :
        List.of(
            "git::",
            "gh:",
            "ssh://",
            "https://",
            "http://",
            "git@",
            "github.com:",
            "github.com/")) {
      if (remote.length() < lower.length() && lower.startsWith(remote)) {
        return false;
      }
    }
    return !path.startsWith("/") && !lower.startsWith("file:///");
  }
}
