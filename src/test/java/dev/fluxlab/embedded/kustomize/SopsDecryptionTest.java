package dev.fluxlab.embedded.kustomize;

import static dev.fluxlab.api.FluxKind.GIT_REPOSITORY;
import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.sops.AgeKey;
import dev.fluxlab.sops.Sops;
import dev.fluxlab.sops.SopsBinary;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOPS-encrypted files through the embedded Kustomization reconciler, encrypted and decrypted by
 * the real sops binary: the right key decrypts, a wrong key or a tampered value is Ready=False in
 * kustomize-controller's words, and the plain values appear nowhere but in the cluster.
 */
class SopsDecryptionTest {
  private static final String NAMESPACE =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n";

  private final String password = "pw-" + UUID.randomUUID();
  private final String token = "tok-" + UUID.randomUUID();
  private final AgeKey key = AgeKey.generate();
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (logged) {
            logged.add(r.getMessage() + " " + r.getThrown());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Path tmp;
  private Sops sops;
  private FluxHarness flux;

  @BeforeEach
  void start(@TempDir Path tmp) {
    Assumptions.assumeTrue(SopsBinary.find().isPresent(), SopsBinary.missing());
    this.tmp = tmp;
    sops = new Sops(SopsBinary.locate(), tmp.resolve("test-sops"));
    Logger.getLogger("").addHandler(capture);
    flux = new FluxHarness(tmp.resolve("flux"));
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(capture);
    if (flux != null) {
      flux.close();
    }
  }

  /** The plain file written (outside the harness' directory), encrypted by sops for a key. */
  private String encrypt(String name, String plain, String recipient) throws IOException {
    Path file = tmp.resolve("plain").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, plain);
    String encrypted = new String(sops.encrypt(file, recipient), StandardCharsets.UTF_8);
    Files.delete(file);
    return encrypted;
  }

  private String secretManifest() {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: demo\n"
        + "type: Opaque\nstringData:\n  password: "
        + password
        + "\n";
  }

  private void keySecret(AgeKey k) {
    flux.client()
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("sops-age")
                .withNamespace(FluxHarness.NS)
                .endMetadata()
                .addToData(
                    "age.agekey",
                    Base64.getEncoder()
                        .encodeToString(k.identity().getBytes(StandardCharsets.UTF_8)))
                .build())
        .createOr(s -> s.update());
  }

  private void deploy(Map<String, String> files, boolean decryption) {
    Map<String, String> all = new LinkedHashMap<>(files);
    all.put("app/ns.yaml", NAMESPACE);
    flux.push("repo", all);
    flux.gitRepository("repo", "repo");
    Map<String, Object> extra = new LinkedHashMap<>();
    if (decryption) {
      extra.put("decryption", Map.of("provider", "sops", "secretRef", Map.of("name", "sops-age")));
    }
    flux.kustomization("app", "repo", "./app", extra);
  }

  private Secret live(String name) {
    return flux.client().secrets().inNamespace("demo").withName(name).get();
  }

  private static String decoded(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void theRightKeyDecryptsAnEncryptedSecretAndAnEncryptedGeneratorFile() throws IOException {
    keySecret(key);
    String kustomization =
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            + "resources: [ns.yaml, secret.sops.yaml]\n"
            + "generatorOptions: {disableNameSuffixHash: true}\n"
            + "secretGenerator:\n- name: api\n  namespace: demo\n  envs: [api.env]\n";
    deploy(
        Map.of(
            "app/kustomization.yaml", kustomization,
            "app/secret.sops.yaml", encrypt("secret.sops.yaml", secretManifest(), key.recipient()),
            "app/api.env", encrypt("api.env", "TOKEN=" + token + "\n", key.recipient())),
        true);

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    assertThat(decoded(live("db"), "password")).isEqualTo(password);
    assertThat(live("db").getAdditionalProperties()).doesNotContainKey("sops");
    assertThat(decoded(live("api"), "TOKEN")).isEqualTo(token);
    assertNoPlainValueOutsideTheCluster();
  }

  @Test
  void aWrongKeyIsReadyFalseNamingTheSecretAndAppliesNothing() throws IOException {
    keySecret(AgeKey.generate());
    deploy(
        Map.of("app/secret.sops.yaml", encrypt("s.yaml", secretManifest(), key.recipient())), true);

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");

    assertThat(ready.message())
        .startsWith(
            "decryption failed for 'Secret.v1.[noGrp]/db': failed to decrypt and format"
                + " 'demo/db' Secret data: cannot get sops data key")
        .contains(key.recipient())
        .as("no path of this machine")
        .doesNotContain(tmp.toString());
    assertThat(live("db")).isNull();
    assertNoPlainValueOutsideTheCluster();
  }

  @Test
  void aTamperedValueIsReadyFalse() throws IOException {
    keySecret(key);
    String encrypted = encrypt("s.yaml", secretManifest(), key.recipient());
    // Flip one character of the password's ciphertext: AES-GCM authenticates every value.
    int at = encrypted.indexOf("password: ENC[AES256_GCM,data:") + 30;
    char c = encrypted.charAt(at);
    String tampered =
        encrypted.substring(0, at) + (c == 'A' ? 'B' : 'A') + encrypted.substring(at + 1);
    deploy(Map.of("app/secret.sops.yaml", tampered), true);

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");

    assertThat(ready.message())
        .startsWith(
            "decryption failed for 'Secret.v1.[noGrp]/db': failed to decrypt and format"
                + " 'demo/db' Secret data: error decrypting sops tree");
    assertThat(live("db")).isNull();
  }

  @Test
  void aGeneratorFileThatDoesNotDecryptIsNamed() throws IOException {
    keySecret(AgeKey.generate());
    String kustomization =
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            + "resources: [ns.yaml]\n"
            + "secretGenerator:\n- name: api\n  namespace: demo\n  envs: [api.env]\n";
    deploy(
        Map.of(
            "app/kustomization.yaml",
            kustomization,
            "app/api.env",
            encrypt("api.env", "TOKEN=" + token + "\n", key.recipient())),
        true);

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");

    assertThat(ready.message())
        .startsWith("error decrypting sources: 'app/api.env': cannot get sops data key");
    assertNoPlainValueOutsideTheCluster();
  }

  @Test
  void withoutDecryptionAnEncryptedSecretIsRefused() throws IOException {
    deploy(
        Map.of("app/secret.sops.yaml", encrypt("s.yaml", secretManifest(), key.recipient())),
        false);

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "ReconciliationFailed");

    assertThat(ready.message())
        .isEqualTo(
            "Secret/demo/db is SOPS encrypted, configuring decryption is required for this secret"
                + " to be reconciled");
  }

  @Test
  void aMissingKeySecretIsNamed() throws IOException {
    deploy(
        Map.of("app/secret.sops.yaml", encrypt("s.yaml", secretManifest(), key.recipient())), true);

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");

    assertThat(ready.message()).isEqualTo("secrets \"sops-age\" not found");
  }

  /**
   * Neither the Kustomization's status, its events, the log, nor any file of the environment's
   * directory (git repositories, artifacts, build scratch) holds a plain value.
   */
  private void assertNoPlainValueOutsideTheCluster() throws IOException {
    flux.reconcile(GIT_REPOSITORY, "repo");
    List<String> seen = new ArrayList<>();
    seen.add(String.valueOf(flux.status(KUSTOMIZATION, "app")));
    for (Event e : flux.client().v1().events().inNamespace(FluxHarness.NS).list().getItems()) {
      seen.add(e.getMessage());
    }
    synchronized (logged) {
      seen.addAll(logged);
    }
    try (Stream<Path> files = Files.walk(tmp.resolve("flux"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        seen.add(f + ": " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(seen).isNotEmpty().noneMatch(s -> s.contains(password) || s.contains(token));
  }
}
