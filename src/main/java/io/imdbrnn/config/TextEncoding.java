package io.imdbrnn.config;

import io.imdbrnn.errors.BadInputException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/** The check of a character-set setting: a name this JVM can decode, or a clear refusal. */
public final class TextEncoding {
  private TextEncoding() {}

  /**
   * @throws BadInputException naming {@code key} when {@code name} is no character set this JVM
   *     supports
   */
  public static void check(String key, String name) {
    boolean known;
    try {
      known = !name.isBlank() && Charset.isSupported(name);
    } catch (IllegalCharsetNameException e) {
      known = false;
    }
    if (!known) {
      throw new BadInputException(
          String.format(
              "Cannot set %s to '%s': not a character set this JVM knows (e.g. UTF-8,"
                  + " ISO-8859-1, windows-1252, UTF-16).",
              key, name));
    }
  }
}
