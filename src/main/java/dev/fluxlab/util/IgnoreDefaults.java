package dev.fluxlab.util;

import java.util.List;

/**
 * The exclusions Flux applies before any ignore file, as gitignore patterns (fluxcd/pkg's
 * sourceignore): the flux CLI's {@code push artifact} default is VCS files and archive/image
 * extensions; source-controller adds CI configuration and files that are never manifests.
 */
public final class IgnoreDefaults {
  /** sourceignore.ExcludeVCS and ExcludeExt. */
  public static final List<String> VCS_AND_EXTENSIONS =
      List.of(
          ".git/",
          ".gitignore",
          ".gitmodules",
          ".gitattributes",
          "*.jpg",
          "*.jpeg",
          "*.gif",
          "*.png",
          "*.wmv",
          "*.flv",
          "*.tar.gz",
          "*.zip");

  /** sourceignore.ExcludeCI and ExcludeExtra, which source-controller adds to the above. */
  public static final List<String> CI_AND_EXTRA =
      List.of(
          ".github/",
          ".circleci/",
          ".travis.yml",
          ".gitlab-ci.yml",
          "appveyor.yml",
          ".drone.yml",
          "cloudbuild.yaml",
          "codeship-services.yml",
          "codeship-steps.yml",
          "**/.goreleaser.yml",
          "**/.sops.yaml",
          "**/.flux.yaml");

  private IgnoreDefaults() {}
}
