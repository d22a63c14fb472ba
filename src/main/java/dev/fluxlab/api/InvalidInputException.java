package dev.fluxlab.api;

/**
 * The user's input is wrong (a file, an option, a setting, a port): the CLI exits with code 2. The
 * message names the input and what is allowed.
 */
public class InvalidInputException extends FluxLabException {
  public InvalidInputException(String message) {
    super(message);
  }
}
