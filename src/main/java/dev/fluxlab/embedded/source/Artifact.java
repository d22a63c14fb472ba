package dev.fluxlab.embedded.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a source produced: a directory tree (git checkout) or a file (Helm index), with the revision
 * and digest Flux reports for it.
 *
 * @param path the artifact's storage path as Flux prints it ({@code
 *     gitrepository/ns/name/sha.tar.gz})
 * @param location where the content lies on this machine
 */
public record Artifact(
    String revision, String digest, String path, Path location, String lastUpdateTime) {

  /** {@code status.artifact} as source-controller writes it. */
  public Map<String, Object> toStatus() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("digest", digest);
    m.put("lastUpdateTime", lastUpdateTime);
    m.put("path", path);
    m.put("revision", revision);
    m.put("url", "http://source-controller.flux-system.svc.cluster.local./" + path);
    return m;
  }
}
