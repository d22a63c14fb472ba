package dev.fluxlab.sops;

/** sops' file formats, with the names its {@code --input-type}/{@code --output-type} take. */
public enum SopsFormat {
  YAML("yaml", "YAML", "mac: ENC["),
  JSON("json", "JSON", "\"mac\": \"ENC["),
  DOTENV("dotenv", "dotenv", "sops_mac=ENC["),
  INI("ini", "INI", "[sops]"),
  BINARY("binary", "binary", "\"mac\": \"ENC[");

  private final String type;
  private final String display;
  private final String marker;

  SopsFormat(String type, String display, String marker) {
    this.type = type;
    this.display = display;
    this.marker = marker;
  }

  /** The value of sops' {@code --input-type}/{@code --output-type}. */
  public String type() {
    return type;
  }

  /** As kustomize-controller names the format in its messages ("YAML", "dotenv"). */
  public String display() {
    return display;
  }

  /**
   * Whether {@code text} holds this format's encrypted MAC, the marker kustomize-controller looks
   * for before it decrypts a file or a Secret value.
   */
  public boolean marks(String text) {
    return text.contains(marker);
  }

  /** By file name, as sops and kustomize-controller choose it; anything else is binary. */
  public static SopsFormat forPath(String path) {
    if (path.endsWith(".dockerconfigjson") || path.endsWith(".json")) {
      return JSON;
    }
    if (path.endsWith(".yaml") || path.endsWith(".yml")) {
      return YAML;
    }
    if (path.endsWith(".env")) {
      return DOTENV;
    }
    if (path.endsWith(".ini")) {
      return INI;
    }
    return BINARY;
  }

  /** The first format whose marker {@code text} holds, as kustomize-controller detects it. */
  public static java.util.Optional<SopsFormat> detect(String text) {
    for (SopsFormat f : values()) {
      if (f != BINARY && f.marks(text)) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }
}
