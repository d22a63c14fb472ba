package dev.fluxlab.sops;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/**
 * An age X25519 key pair, made by jagged (a maintained implementation of age's key format): the
 * identity ({@code AGE-SECRET-KEY-1...}, private) and its recipient ({@code age1...}, public).
 * {@link #toString()} shows the recipient only.
 */
public final class AgeKey {
  private final String identity;
  private final String recipient;

  private AgeKey(String identity, String recipient) {
    this.identity = identity;
    this.recipient = recipient;
  }

  public static AgeKey generate() {
    try {
      KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
      // jagged's keys render themselves in age's Bech32 encodings.
      return new AgeKey(pair.getPrivate().toString(), pair.getPublic().toString());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an age X25519 key: " + e.getMessage(), e);
    }
  }

  /** The private identity: goes into a 0600 file or a Secret, never into output. */
  public String identity() {
    return identity;
  }

  public String recipient() {
    return recipient;
  }

  /** age-keygen's file format: two comment lines, then the identity. */
  String keyFile(String created) {
    return "# created: " + created + "\n# public key: " + recipient + "\n" + identity + "\n";
  }

  static AgeKey parse(String keyFile) {
    String identity = null;
    String recipient = null;
    for (String line : keyFile.split("\n")) {
      if (line.startsWith("# public key: ")) {
        recipient = line.substring("# public key: ".length()).strip();
      } else if (line.startsWith("AGE-SECRET-KEY-1")) {
        identity = line.strip();
      }
    }
    if (identity == null || recipient == null) {
      throw new IllegalArgumentException("not an age key file written by fluxlab");
    }
    return new AgeKey(identity, recipient);
  }

  @Override
  public String toString() {
    return "AgeKey[" + recipient + "]";
  }
}
