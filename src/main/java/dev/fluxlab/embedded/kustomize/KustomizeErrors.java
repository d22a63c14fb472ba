package dev.fluxlab.embedded.kustomize;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Words a failed kustomize build as kustomize-controller reports it: kustomize's own message,
 * without the wrapping of the tool that ran it (kubectl's klog line prefix and {@code Error: }),
 * and with paths relative to the artifact instead of this machine's directories.
 */
final class KustomizeErrors {
  /**
   * klog's header: severity, date, time, thread id, file:line, e.g. {@code E1201 19:30:52.360371
   * 10000 run.go:72] }.
   */
  private static final Pattern KLOG_HEADER =
      Pattern.compile("(?m)^[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+\\s+\\d+ [^\\]\\s]+:\\d+\\] ");

  /** kubectl's structured log of the same failure, e.g. {@code "command failed" err="..."}. */
  private static final Pattern KLOG_COMMAND_FAILED =
      Pattern.compile("^\"command failed\" err=\"(.*)\"$", Pattern.DOTALL);

  private KustomizeErrors() {}

  /**
   * @param raw what the builder printed
   * @param roots directories to show relative to (the artifact, the build's copy), longest first
   */
  static String clean(String raw, Path... roots) {
    String text = KLOG_HEADER.matcher(raw.strip()).replaceAll("");
    var structured = KLOG_COMMAND_FAILED.matcher(text);
    if (structured.matches()) {
      text = structured.group(1).replace("\\\"", "\"").replace("\\n", "\n");
    }
    text = text.replaceFirst("^Error: ", "");
    for (Path root : roots) {
      text = text.replace(root + "/", "").replace(root.toString(), ".");
    }
    return text.strip();
  }
}
