package io.imdbrnn.cli;

import io.imdbrnn.config.Redact;

/**
 * Turns an exception into the one line a user reads: its own message or, when it has none, the
 * first message down its cause chain (never the word "null"), with credentials redacted and control
 * characters escaped, so that a file name holding a newline cannot forge a second line.
 */
final class ErrorMessages {
  private static final int MAX_CHARS = 2000;

  private ErrorMessages() {}

  static String oneLine(Throwable e) {
    String message = null;
    for (Throwable t = e;
        t != null && message == null;
        t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      message = e.getClass().getSimpleName() + " (no message)";
    }
    String line = escapeControls(Redact.text(message));
    return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line;
  }

  static String escapeControls(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                    out.append(String.format("\\u%04x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
