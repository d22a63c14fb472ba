package dev.fluxlab.sops;

import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the real sops CLI, so that what fluxlab decrypts and encrypts is exactly what sops does
 * (byte for byte). Data goes through stdin and stdout, never through a file; the private age keys
 * go in the child's {@code SOPS_AGE_KEY} only. The child sees nothing of this machine's keys or
 * configuration: a clean environment whose home, config home and working directory are {@code
 * workDir}, an empty {@code .sops.yaml} there, and every HTTP(S) proxy pointed at a closed loopback
 * port with the cloud metadata endpoints off, so a file encrypted for a cloud KMS fails at once
 * instead of reaching out.
 */
public final class Sops {
  /** What the Flux docs recommend for Kubernetes manifests: only Secret data is encrypted. */
  public static final String MANIFEST_ENCRYPTED_REGEX = "^(data|stringData)$";

  private static final long TIMEOUT_SECONDS = 60;
  private static final String NOWHERE = "http://127.0.0.1:9";

  /** sops quotes an offending value in this error; kustomize-controller redacts it, so do we. */
  private static final Pattern QUOTED_VALUE =
      Pattern.compile("Input string .*? does not match sops' data format", Pattern.DOTALL);

  private final Path binary;
  private final Path workDir;

  /**
   * @param workDir an owner-only directory of the environment (created if missing)
   */
  public Sops(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = SecureFiles.createOwnerOnlyDirectory(workDir);
    SecureFiles.writeOwnerOnly(workDir.resolve(".sops.yaml"), "{}\n");
  }

  /** With the binary found as {@link SopsBinary} finds it; {@link SopsException} if it is not. */
  public static Sops locate(Path workDir) {
    return new Sops(SopsBinary.locate(), workDir);
  }

  /**
   * {@code sops decrypt --ignore-mac}: kustomize-controller does not check the MAC either, because
   * kustomize changes the objects it decrypts (namespace, labels, key order), which the MAC covers.
   * Each value is still authenticated by AES-GCM, so a tampered value fails.
   *
   * @param identities age identities (AGE-SECRET-KEY-1..., one a line)
   */
  public byte[] decrypt(byte[] encrypted, SopsFormat in, SopsFormat out, String identities) {
    // --config is a global flag: before the subcommand.
    List<String> args = new ArrayList<>(List.of("--config", config(), "decrypt", "--ignore-mac"));
    args.addAll(List.of("--input-type", in.type(), "--output-type", out.type()));
    return run(args, encrypted, identities);
  }

  /**
   * {@code sops encrypt --age RECIPIENT}, reading the plain content from stdin (it is never written
   * to a file); YAML and JSON (Kubernetes manifests) with {@link #MANIFEST_ENCRYPTED_REGEX}, other
   * formats whole.
   *
   * @param fileName the file's name, which decides the format
   * @return the encrypted file as sops writes it
   */
  public byte[] encrypt(byte[] plain, String fileName, String recipient) {
    SopsFormat format = SopsFormat.forPath(fileName);
    List<String> args =
        new ArrayList<>(List.of("--config", config(), "encrypt", "--age", recipient));
    if (format == SopsFormat.YAML || format == SopsFormat.JSON) {
      args.addAll(List.of("--encrypted-regex", MANIFEST_ENCRYPTED_REGEX));
    }
    args.addAll(List.of("--filename-override", fileName));
    return run(args, plain, null);
  }

  /** {@link #encrypt(byte[], String, String)} of a file's content. */
  public byte[] encrypt(Path file, String recipient) {
    try {
      return encrypt(
          java.nio.file.Files.readAllBytes(file), file.getFileName().toString(), recipient);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private String config() {
    return workDir.resolve(".sops.yaml").toString();
  }

  private byte[] run(List<String> args, byte[] stdin, String identities) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    isolate(pb.environment(), identities);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new SopsException(
          SopsException.NOT_FOUND, "cannot run " + binary + ": " + e.getMessage());
    }
    // Own threads, not the common pool: both block until sops is done, and on a 2-core machine
    // the common pool has one thread.
    CompletableFuture<byte[]> err = new CompletableFuture<>();
    start(
        "sops-stderr",
        () -> {
          try {
            err.complete(readAll(p.getErrorStream()));
          } catch (RuntimeException e) {
            err.complete(new byte[0]);
          }
        });
    start(
        "sops-stdin",
        () -> {
          try (OutputStream o = p.getOutputStream()) {
            o.write(stdin);
          } catch (IOException e) {
            // sops exited before reading everything: its exit code and stderr say why
          }
        });
    byte[] out = readAll(p.getInputStream());
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SopsException(1, "sops did not finish within " + TIMEOUT_SECONDS + "s");
      }
      int code = p.exitValue();
      if (code != 0) {
        // sops lists where it looked for keys: its home is ours, which says nothing to a reader.
        String said = new String(err.join(), StandardCharsets.UTF_8).replace(workDir + "/", "~/");
        throw new SopsException(code, redact(said));
      }
      return out;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SopsException(1, "interrupted while sops ran");
    }
  }

  private void isolate(Map<String, String> env, String identities) {
    env.clear();
    env.put("HOME", workDir.toString());
    env.put("XDG_CONFIG_HOME", workDir.toString());
    env.put("SOPS_DISABLE_VERSION_CHECK", "true");
    if (identities != null) {
      env.put("SOPS_AGE_KEY", identities);
    }
    for (String proxy : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) {
      env.put(proxy, NOWHERE);
    }
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("GCE_METADATA_HOST", "127.0.0.1:9");
  }

  static String redact(String stderr) {
    return QUOTED_VALUE
        .matcher(stderr.strip())
        .replaceAll("Input string <redacted> does not match sops' data format");
  }

  private static void start(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private static byte[] readAll(InputStream s) {
    try (s) {
      return s.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
