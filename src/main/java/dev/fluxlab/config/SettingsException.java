package dev.fluxlab.config;

/** A setting is unknown or has a value that is not allowed. The message names the key. */
public class SettingsException extends RuntimeException {
  public SettingsException(String message) {
    super(message);
  }
}
