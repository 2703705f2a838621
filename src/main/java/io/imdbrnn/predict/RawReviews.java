package io.imdbrnn.predict;

import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.scoring.TextStatus;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.StrictDecoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads reviews to score on one machine, never failing the whole run for one bad review: each comes
 * back as text, or with a status saying why it cannot be scored (empty, no words, not valid in the
 * character set, over the size limit). A line is read in chunks and dropped once over the limit, so
 * a 10 MB line costs at most the limit in memory.
 */
public final class RawReviews {
  /** A review to score, or the reason it cannot be. */
  /**
   * @param words the review's words (tokenized once, here), or null unless the status is ok
   */
  public record Item(String id, List<String> words, String status) {}

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final long maxBytes;
  private final Charset charset;

  /**
   * @param charset the character set of lines and files ({@code predict.encoding})
   */
  public RawReviews(long maxBytes, Charset charset) {
    this.maxBytes = maxBytes;
    this.charset = charset;
  }

  /**
   * One review per line; ids are {@code <name>:<line number>}. A byte order mark before the first
   * line is dropped.
   *
   * @throws BadInputException when a newline is not one byte in the character set (UTF-16, UTF-32):
   *     such input must come as one review per file
   */
  public List<Item> lines(InputStream in, String name) {
    if (!StrictDecoding.newlineIsOneByte(charset)) {
      throw new BadInputException(
          String.format(
              "Cannot read %s one review per line in %s (%s): a newline is not one byte in it."
                  + " Give a directory of files, one review each, or convert the text to UTF-8.",
              name, charset.name(), PredictSettings.ENCODING));
    }
    List<Item> items = new ArrayList<>();
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLong = false;
      int lineNo = 0;
      byte[] buf = new byte[8192];
      int n;
      boolean pending = false;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            items.add(item(name + ":" + ++lineNo, line.toByteArray(), tooLong));
            line.reset();
            tooLong = false;
            pending = false;
          } else {
            pending = true;
            if (!tooLong) {
              line.write(b);
              if (line.size() > maxBytes) {
                tooLong = true;
                line.reset();
              }
            }
          }
        }
      }
      if (pending) {
        items.add(item(name + ":" + ++lineNo, line.toByteArray(), tooLong));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
    }
    return items;
  }

  /**
   * One review per regular file of {@code dir} (not recursive), in name order; ids are file names.
   */
  public List<Item> files(Path dir) {
    List<Item> items = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (Files.size(f) > maxBytes) {
          items.add(new Item(f.getFileName().toString(), null, Prediction.TOO_LONG));
        } else {
          items.add(item(f.getFileName().toString(), Files.readAllBytes(f), false));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir + ": " + e.getMessage(), e);
    }
    return items;
  }

  /** A text given as a string (the command line's --text): already decoded. */
  public Item text(String id, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new RawReviews(maxBytes, StandardCharsets.UTF_8)
        .item(id, bytes, bytes.length > maxBytes);
  }

  private Item item(String id, byte[] bytes, boolean tooLong) {
    if (tooLong) {
      return new Item(id, null, Prediction.TOO_LONG);
    }
    String text;
    try {
      text = StrictDecoding.decode(bytes, charset);
    } catch (CharacterCodingException e) {
      return new Item(
          id,
          null,
          StrictDecoding.isUtf8(charset) ? TextStatus.INVALID_UTF8 : TextStatus.INVALID_ENCODING);
    }
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      text = text.substring(1);
    }
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    String status = TextStatus.beforeTokenizing(text, Long.MAX_VALUE);
    if (status != null) {
      return new Item(id, null, status);
    }
    List<String> words = ReviewTokenizer.tokenize(text);
    status = TextStatus.ofWords(words);
    return new Item(id, TextStatus.OK.equals(status) ? words : null, status);
  }
}
