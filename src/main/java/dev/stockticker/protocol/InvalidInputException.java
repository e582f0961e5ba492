package dev.stockticker.protocol;

/**
 * A config, catalog or state file the connector cannot use. The message names the file, the field
 * and what was expected, because it is shown to the user as is.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
