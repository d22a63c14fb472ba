package dev.fluxlab.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code flux push artifact} pushes (fluxcd/pkg/oci's Push): one tar.gz layer of the directory
 * with Flux's content media type, a config blob with Flux's config media type, and the
 * OpenContainers annotations {@code created}, {@code source} and {@code revision} on the manifest.
 */
public final class FluxArtifact {
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.flux.config.v1+json";
  public static final String CONTENT_MEDIA_TYPE = "application/vnd.cncf.flux.content.v1.tar+gzip";
  public static final String SOURCE_ANNOTATION = "org.opencontainers.image.source";
  public static final String REVISION_ANNOTATION = "org.opencontainers.image.revision";
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FluxArtifact() {}

  /** The pushed manifest's digest and the number of files in its layer. */
  public record Pushed(String digest, int files) {}

  /**
   * Archives {@code dir} (in a scratch file below {@code workDir}, removed afterwards) and pushes
   * it as {@code repository:tag}.
   */
  public static Pushed push(
      OciClient client,
      String repository,
      String tag,
      Path dir,
      String source,
      String revision,
      Map<String, String> annotations,
      Path workDir) {
    Path layer = null;
    try {
      Files.createDirectories(workDir);
      layer = Files.createTempFile(workDir, "artifact", ".tgz");
      ArtifactTarball.Written written = ArtifactTarball.write(dir, layer);
      String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      Map<String, String> all = new LinkedHashMap<>();
      all.put(CREATED_ANNOTATION, created);
      all.put(SOURCE_ANNOTATION, source);
      all.put(REVISION_ANNOTATION, revision);
      all.putAll(annotations);
      String digest =
          client.push(
              repository,
              tag,
              layer,
              CONTENT_MEDIA_TYPE,
              config(created, written.diffId()),
              CONFIG_MEDIA_TYPE,
              all);
      return new Pushed(digest, written.files());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the artifact below " + workDir, e);
    } finally {
      if (layer != null) {
        try {
          Files.deleteIfExists(layer);
        } catch (IOException e) {
          // Below the environment's directory: teardown removes it.
        }
      }
    }
  }

  /** The image config go-containerregistry writes for an empty image with one layer appended. */
  private static byte[] config(String created, String diffId) throws IOException {
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", List.of(diffId));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("architecture", "");
    c.put("created", created);
    c.put("os", "");
    c.put("rootfs", rootfs);
    c.put("config", Map.of());
    return JSON.writeValueAsBytes(c);
  }
}
