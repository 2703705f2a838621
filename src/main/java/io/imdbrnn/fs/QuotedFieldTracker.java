package io.imdbrnn.fs;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows the quoting of delimited text (CSV's rules, as Spark's and univocity's readers apply
 * them: a quote opens a field only as its first character, a doubled quote inside a quoted field is
 * one quote, a quote followed by anything else ends the quoting) while a parser reads the text
 * through it, and says whether the text ended inside a quoted field.
 *
 * <p>Those readers close such a field silently at the end of the input, so one stray quote turns
 * every row after it into one text and the rows are lost without a word. Following the quotes as
 * the parser reads costs no second pass and constant memory, whatever the file's size; a parser
 * that reports the condition itself (commons-csv) holds the unclosed field, the rest of the file,
 * in memory to do so.
 */
public final class QuotedFieldTracker extends FilterReader {
  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  private final char delimiter;
  private final char quote;
  private State state = State.FIELD_START;
  private long line = 1;
  private long openedOn;
  private boolean afterCarriageReturn;
  private boolean ended;

  /**
   * @param quote the quote character; one no text holds ({@code '\0'}) turns quoting off
   */
  public QuotedFieldTracker(Reader in, char delimiter, char quote) {
    super(in);
    this.delimiter = delimiter;
    this.quote = quote;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c < 0) {
      ended = true;
    } else {
      accept((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      ended = true;
    }
    for (int i = 0; i < n; i++) {
      accept(buffer[offset + i]);
    }
    return n;
  }

  /** Skipped characters are read, so the quoting stays followed. */
  @Override
  public long skip(long n) throws IOException {
    char[] buffer = new char[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readAheadLimit) throws IOException {
    throw new IOException("mark is not supported: the quoting is followed as the text is read");
  }

  /**
   * The line (from 1; a line break is LF, CR LF or CR) on which the quoted field opened that the
   * text ended inside; 0 while the text has not been read to its end, or when it ended outside
   * quotes.
   */
  public long unclosedQuoteLine() {
    return ended && state == State.QUOTED ? openedOn : 0;
  }

  /**
   * Drains what is left of the text (a check that needs no parse) and returns {@link
   * #unclosedQuoteLine()}.
   */
  public long readToEnd() throws IOException {
    char[] buffer = new char[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // Reading is the check.
    }
    return unclosedQuoteLine();
  }

  private void accept(char c) {
    boolean lineBreak = c == '\r' || (c == '\n' && !afterCarriageReturn);
    afterCarriageReturn = c == '\r';
    if (lineBreak) {
      line++;
    }
    boolean endsField = c == delimiter || c == '\n' || c == '\r';
    switch (state) {
      case FIELD_START -> {
        if (c == quote) {
          state = State.QUOTED;
          openedOn = line;
        } else if (!endsField) {
          state = State.UNQUOTED;
        }
      }
      case UNQUOTED -> {
        if (endsField) {
          state = State.FIELD_START;
        }
      }
      case QUOTED -> {
        if (c == quote) {
          state = State.QUOTE_IN_QUOTED;
        }
      }
      case QUOTE_IN_QUOTED -> {
        if (c == quote) {
          state = State.QUOTED;
        } else {
          state = endsField ? State.FIELD_START : State.UNQUOTED;
        }
      }
    }
  }
}
