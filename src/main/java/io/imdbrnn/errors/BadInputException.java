package io.imdbrnn.errors;

/**
 * Bad user input: a setting, a path, a file, a dataset or a bundle the user handed over is wrong,
 * and a retry would fail the same way. Only this maps to exit code 2 ("fix and rerun, do not
 * retry"); every other failure, I/O errors included, is exit 1, which a scheduler may retry. The
 * message is the one line the user reads: it names the file, row, setting or option and the reason.
 *
 * <p>It extends {@link IllegalArgumentException} because it is one; but an {@code
 * IllegalArgumentException} thrown by a library does not count as bad input.
 */
public class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
