package dev.fluxlab.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A username and secret for the git server. {@link #toString()} never shows the secret. */
public record Credentials(String username, String password) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Fresh credentials for one environment run. */
  public static Credentials generate(String username) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return new Credentials(username, HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
