package dev.fluxlab.embedded.helm;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's secrets storage driver: every release revision is a Secret {@code
 * sh.helm.release.v1.<name>.v<N>} of type {@code helm.sh/release.v1} in the storage namespace,
 * labelled name/owner/status/version, holding the release record as base64 of gzipped JSON (the
 * Secret's data encodes that text once more, as Helm's does, so the helm CLI can read it).
 */
final class ReleaseStorage {
  private static final String TYPE = "helm.sh/release.v1";

  private final KubernetesClient client;

  ReleaseStorage(KubernetesClient client) {
    this.client = client;
  }

  /** The same storage, written through {@code writer} (the identity a release is made as). */
  ReleaseStorage as(KubernetesClient writer) {
    return writer == client ? this : new ReleaseStorage(writer);
  }

  /**
   * Fails as Helm's storage driver would when this storage's identity may not create release
   * Secrets in {@code storageNamespace}: a server-side dry-run create, which the API server
   * authorises like the real one.
   */
  void requireWritable(String storageNamespace, String releaseName) {
    Secret probe =
        new SecretBuilder()
            .withNewMetadata()
            .withName(secretName(releaseName, 0))
            .withNamespace(storageNamespace)
            .endMetadata()
            .withType(TYPE)
            .build();
    try {
      client.secrets().inNamespace(storageNamespace).resource(probe).dryRun().create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return; // exists: writable as far as creating goes
      }
      String message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      throw new ReleaseException("InstallFailed", "create: failed to create: " + message, e);
    }
  }

  /** Every stored revision of a release, newest first. */
  List<Release> history(String storageNamespace, String releaseName) {
    return secrets(storageNamespace, releaseName).stream()
        .map(ReleaseStorage::decode)
        .sorted(Comparator.comparingInt(Release::version).reversed())
        .toList();
  }

  Optional<Release> latest(String storageNamespace, String releaseName) {
    return history(storageNamespace, releaseName).stream().findFirst();
  }

  /** Creates or replaces the Secret of {@code release}'s revision. */
  private void store(String storageNamespace, Release release) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(secretName(release.name(), release.version()))
            .withNamespace(storageNamespace)
            .withLabels(
                Map.of(
                    "name", release.name(),
                    "owner", "helm",
                    "status", release.status(),
                    "version", Integer.toString(release.version()),
                    "modifiedAt", Long.toString(System.currentTimeMillis() / 1000)))
            .endMetadata()
            .withType(TYPE)
            .withData(Map.of("release", encode(release)))
            .build();
    client.secrets().inNamespace(storageNamespace).resource(secret).createOr(r -> r.update());
  }

  /**
   * Stores a new revision the way Helm's install/upgrade does: a deployed revision supersedes the
   * previously deployed ones; then the oldest revisions beyond {@code maxHistory} are deleted.
   */
  void record(String storageNamespace, Release release, int maxHistory) {
    store(storageNamespace, release);
    if (Release.DEPLOYED.equals(release.status())) {
      for (Release previous : history(storageNamespace, release.name())) {
        if (previous.version() != release.version() && Release.DEPLOYED.equals(previous.status())) {
          store(storageNamespace, previous.withStatus(Release.SUPERSEDED));
        }
      }
    }
    prune(storageNamespace, release.name(), maxHistory);
  }

  /** Deletes the oldest revisions so that at most {@code max} remain (0: keep all). */
  private void prune(String storageNamespace, String releaseName, int max) {
    if (max <= 0) {
      return;
    }
    List<Release> all = history(storageNamespace, releaseName);
    for (Release old : all.subList(Math.min(max, all.size()), all.size())) {
      client
          .secrets()
          .inNamespace(storageNamespace)
          .withName(secretName(releaseName, old.version()))
          .delete();
    }
  }

  void deleteAll(String storageNamespace, String releaseName) {
    secrets(storageNamespace, releaseName)
        .forEach(s -> client.secrets().inNamespace(storageNamespace).resource(s).delete());
  }

  static String secretName(String releaseName, int version) {
    return "sh.helm.release.v1." + releaseName + ".v" + version;
  }

  private List<Secret> secrets(String storageNamespace, String releaseName) {
    return client
        .secrets()
        .inNamespace(storageNamespace)
        .withLabel("owner", "helm")
        .withLabel("name", releaseName)
        .list()
        .getItems()
        .stream()
        .filter(s -> TYPE.equals(s.getType()))
        .toList();
  }

  private static String encode(Release release) {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(release.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] helmText = Base64.getEncoder().encode(gz.toByteArray());
    return Base64.getEncoder().encodeToString(helmText);
  }

  private static Release decode(Secret secret) {
    String data = secret.getData() == null ? null : secret.getData().get("release");
    if (data == null) {
      throw new IllegalStateException(
          "release secret " + secret.getMetadata().getName() + " has no data");
    }
    byte[] helmText = Base64.getDecoder().decode(data);
    byte[] gzipped = Base64.getDecoder().decode(helmText);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return Release.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read release " + secret.getMetadata().getName(), e);
    }
  }
}
