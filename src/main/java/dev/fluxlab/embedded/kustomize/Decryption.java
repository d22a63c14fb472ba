package dev.fluxlab.embedded.kustomize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.sops.Sops;
import dev.fluxlab.sops.SopsBinary;
import dev.fluxlab.sops.SopsException;
import dev.fluxlab.sops.SopsFormat;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code spec.decryption} with {@code provider: sops}, as kustomize-controller's decryptor does it:
 * the age identities of every {@code *.agekey} entry of the {@code secretRef} Secret (in the
 * Kustomization's namespace), the SOPS-encrypted files kustomize's generators and patches read
 * decrypted before the build ({@link SourceDecryption}), and after it every object with SOPS
 * metadata and every Secret value that is a SOPS document. The real sops binary decrypts ({@link
 * Sops}); decrypted data stays in memory, on its way to the cluster.
 */
final class Decryption {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROVIDER = "sops";
  static final String AGE_KEY_EXTENSION = ".agekey";
  static final String DISABLE_ANNOTATION = "kustomize.toolkit.fluxcd.io/decrypt";

  /** Ready=False reason when there is no sops binary to decrypt with (not Flux's: it has one). */
  static final String SOPS_MISSING = "SopsNotAvailable";

  private final Path workDir;
  private final String identities;
  private Sops sops;

  private Decryption(Path workDir, String identities) {
    this.workDir = workDir;
    this.identities = identities;
  }

  /**
   * The Kustomization's decryption, or null when it has none (its encrypted objects are then
   * refused at apply, see {@link #requireDecrypted}).
   *
   * @param client the controller's own client: kustomize-controller reads the key Secret as itself
   * @param workDir scratch space for the sops processes (below the environment's directory)
   */
  static Decryption of(
      Map<String, Object> spec, String namespace, KubernetesClient client, Path workDir) {
    Map<String, Object> decryption = Maps.map(spec, "decryption");
    if (decryption.isEmpty() || !PROVIDER.equals(Maps.string(decryption, "provider"))) {
      return null;
    }
    if (Maps.string(decryption, "serviceAccountName") != null) {
      // kustomize-controller's default: the ObjectLevelWorkloadIdentity feature gate is off.
      throw new BuildException(
          "FeatureGateDisabled",
          "to use spec.decryption.serviceAccountName for decryption authentication please enable"
              + " the ObjectLevelWorkloadIdentity feature gate in the controller");
    }
    return new Decryption(workDir, identities(decryption, namespace, client));
  }

  private static String identities(
      Map<String, Object> decryption, String namespace, KubernetesClient client) {
    String name = Maps.string(decryption, "secretRef", "name");
    if (name == null) {
      return "";
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new BuildException("BuildFailed", "secrets \"" + name + "\" not found");
    }
    StringBuilder keys = new StringBuilder();
    // Sorted, so that which key a message names does not depend on map order.
    Map<String, String> data =
        new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData());
    for (Map.Entry<String, String> e : data.entrySet()) {
      if (!e.getKey().endsWith(AGE_KEY_EXTENSION)) {
        continue;
      }
      String value = new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8);
      if (!value.lines().map(String::strip).anyMatch(l -> l.startsWith("AGE-SECRET-KEY-1"))) {
        throw new BuildException(
            "BuildFailed",
            "failed to import '"
                + e.getKey()
                + "' data from sops decryption Secret '"
                + namespace
                + "/"
                + name
                + "': no age identity found");
      }
      keys.append(value.strip()).append('\n');
    }
    return keys.toString();
  }

  /**
   * A SOPS document decrypted, or the failure in kustomize-controller's words. The sops binary is
   * needed only here: a Kustomization with decryption but nothing encrypted builds without it.
   */
  byte[] decrypt(byte[] data, SopsFormat in, SopsFormat out) {
    if (sops == null) {
      if (SopsBinary.find().isEmpty()) {
        throw new BuildException(SOPS_MISSING, SopsBinary.missing());
      }
      sops = Sops.locate(workDir);
    }
    try {
      return sops.decrypt(data, in, out, identities);
    } catch (SopsException e) {
      throw new DecryptionFailure(fluxWording(e, in, out));
    }
  }

  /**
   * Every object the build made, decrypted where it is SOPS-encrypted (and not opted out with
   * {@code kustomize.toolkit.fluxcd.io/decrypt: disabled}).
   */
  List<Map<String, Object>> decryptResources(List<Map<String, Object>> docs) {
    List<Map<String, Object>> out = new ArrayList<>(docs.size());
    for (Map<String, Object> doc : docs) {
      out.add(decryptResource(doc));
    }
    return out;
  }

  private Map<String, Object> decryptResource(Map<String, Object> doc) {
    if (disabled(doc)) {
      return doc;
    }
    String kind = Maps.string(doc, "kind");
    String name = Maps.string(doc, "metadata", "name");
    String namespace = Maps.stringOr(doc, "", "metadata", "namespace");
    try {
      if (Maps.string(doc, "sops", "mac") != null && !Maps.string(doc, "sops", "mac").isEmpty()) {
        byte[] json = writeJson(doc);
        try {
          return readJson(decrypt(json, SopsFormat.JSON, SopsFormat.JSON));
        } catch (DecryptionFailure e) {
          throw new DecryptionFailure(
              "failed to decrypt and format '"
                  + namespace
                  + "/"
                  + name
                  + "' "
                  + kind
                  + " data: "
                  + e.getMessage());
        }
      }
      if ("Secret".equals(kind)) {
        decryptSecretValues(doc, namespace, name);
      }
      return doc;
    } catch (DecryptionFailure e) {
      throw new BuildException(
          "BuildFailed",
          "decryption failed for '" + gvk(doc) + "/" + name + "': " + e.getMessage());
    }
  }

  /** Secret values that are SOPS documents themselves (e.g. a generator's file left encrypted). */
  private void decryptSecretValues(Map<String, Object> secret, String namespace, String name) {
    Map<String, Object> data = Maps.map(secret, "data");
    for (Map.Entry<String, Object> e : data.entrySet()) {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(String.valueOf(e.getValue()));
      } catch (IllegalArgumentException notBase64) {
        continue; // as kustomize-controller: left to the apply to report
      }
      var format = SopsFormat.detect(new String(raw, StandardCharsets.UTF_8));
      if (format.isEmpty()) {
        continue;
      }
      try {
        byte[] plain = decrypt(raw, format.get(), SopsFormat.forPath(e.getKey()));
        e.setValue(Base64.getEncoder().encodeToString(plain));
      } catch (DecryptionFailure f) {
        throw new DecryptionFailure(
            "failed to decrypt and format '"
                + namespace
                + "/"
                + name
                + "' Secret field '"
                + e.getKey()
                + "': "
                + f.getMessage());
      }
    }
  }

  /**
   * kustomize-controller refuses to apply a Secret that still carries SOPS metadata, decryption
   * configured or not.
   */
  static void requireDecrypted(List<Map<String, Object>> docs) {
    for (Map<String, Object> doc : docs) {
      if ("Secret".equals(Maps.string(doc, "kind"))
          && "v1".equals(Maps.string(doc, "apiVersion"))
          && doc.containsKey("sops")
          && !disabled(doc)) {
        String ns = Maps.string(doc, "metadata", "namespace");
        throw new BuildException(
            "ReconciliationFailed",
            "Secret/"
                + (ns == null || ns.isEmpty() ? "" : ns + "/")
                + Maps.string(doc, "metadata", "name")
                + " is SOPS encrypted, configuring decryption is required for this secret to be"
                + " reconciled");
      }
    }
  }

  private static boolean disabled(Map<String, Object> doc) {
    return "disabled"
        .equalsIgnoreCase(Maps.string(doc, "metadata", "annotations", DISABLE_ANNOTATION));
  }

  /** kustomize's resid.Gvk string: {@code Kind.version.group}, {@code [noGrp]} for the core. */
  private static String gvk(Map<String, Object> doc) {
    String apiVersion = Maps.stringOr(doc, "", "apiVersion");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return Maps.stringOr(doc, "[noKind]", "kind")
        + "."
        + (version.isEmpty() ? "[noVer]" : version)
        + "."
        + (group.isEmpty() ? "[noGrp]" : group);
  }

  /**
   * sops' CLI words its failures a little differently from the sops library calls inside
   * kustomize-controller; this maps them onto kustomize-controller's messages, whose text after the
   * prefix is sops' own.
   */
  static String fluxWording(SopsException e, SopsFormat in, SopsFormat out) {
    String said = e.getMessage();
    return switch (e.exitCode()) {
      case SopsException.COULD_NOT_RETRIEVE_KEY -> "cannot get sops data key: " + said;
      case SopsException.ERROR_DECRYPTING_TREE ->
          "error decrypting sops tree: " + said.replaceFirst("^Error decrypting tree: ", "");
      case SopsException.ERROR_DUMPING_TREE ->
          "failed to emit encrypted "
              + in.display()
              + " file as decrypted "
              + out.display()
              + ": "
              + said.replaceFirst("^Error dumping file: ", "");
      case SopsException.NOT_FOUND -> said;
      default -> "failed to load encrypted " + in.display() + " data: " + said;
    };
  }

  private static byte[] writeJson(Map<String, Object> doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write an object as JSON: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> readJson(byte[] json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      // Never e.getMessage(): Jackson quotes the input, which is decrypted data.
      throw new DecryptionFailure("failed to unmarshal decrypted data to JSON");
    }
  }

  /** A decryption failed; the message is the part kustomize-controller's callers wrap. */
  static final class DecryptionFailure extends RuntimeException {
    DecryptionFailure(String message) {
      super(message);
    }
  }
}
