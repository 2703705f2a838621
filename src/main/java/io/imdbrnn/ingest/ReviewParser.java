package io.imdbrnn.ingest;

import io.imdbrnn.text.StrictDecoding;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates one review file of the aclImdb layout and turns it into a {@link Review}.
 *
 * <p>A file is malformed when its name is not {@code <id>_<rating>.txt}, its rating is outside its
 * folder's range (pos 7-10, neg 1-4), it is larger than the limit, it holds binary content (a NUL
 * character, or many control characters), it is not valid in the input's character set ({@code
 * ingest.encoding}, UTF-8 by default), or it is empty or only whitespace.
 */
public final class ReviewParser implements FileParser {
  private static final long serialVersionUID = 1L;
  private static final Pattern FILE_NAME = Pattern.compile("(\\d{1,9})_(\\d{1,2})\\.txt");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final long maxBytes;
  private final String encoding;

  public ReviewParser(long maxBytes, String encoding) {
    this.maxBytes = maxBytes;
    this.encoding = encoding;
  }

  @Override
  public ParseOutcome parse(RawFile file) {
    String source = file.source();
    if (file.problem() != null) {
      return ParseOutcome.rejected(source, file.problem());
    }
    String[] parts = file.layoutPath() == null ? new String[0] : file.layoutPath().split("/");
    if (parts.length != 3
        || !DatasetLayout.isSplit(parts[0])
        || !DatasetLayout.isLabelDir(parts[1])) {
      return ParseOutcome.rejected(
          source, "not in the layout {train,test}/{pos,neg}/<id>_<rating>.txt");
    }
    String split = parts[0];
    String labelDir = parts[1];
    Matcher name = FILE_NAME.matcher(parts[2]);
    if (!name.matches()) {
      return ParseOutcome.rejected(
          source, "file name '" + parts[2] + "' does not match <id>_<rating>.txt");
    }
    int rating = Integer.parseInt(name.group(2));
    if (!DatasetLayout.ratingFits(labelDir, rating)) {
      return ParseOutcome.rejected(
          source,
          String.format(
              "rating %d does not fit the %s folder (%s)",
              rating, labelDir, DatasetLayout.ratingRule(labelDir)));
    }
    String id =
        split + "/" + labelDir + "/" + parts[2].substring(0, parts[2].length() - ".txt".length());
    return content(file.content(), maxBytes, encoding)
        .outcome(source, text -> new Review(id, split, labelDir, rating, text));
  }

  /** A file's text or why it is not one: what every text file of every layout must pass. */
  record Content(String text, String problem) {
    ParseOutcome outcome(String source, java.util.function.Function<String, Review> review) {
      return problem != null
          ? ParseOutcome.rejected(source, problem)
          : ParseOutcome.ok(source, review.apply(text));
    }
  }

  /**
   * Checks a text file's bytes: within the limit, no binary content, valid in {@code encoding} (a
   * byte order mark is dropped), not blank, not mostly control characters.
   */
  static Content content(byte[] bytes, long maxBytes, String encoding) {
    if (bytes.length > maxBytes) {
      return new Content(null, tooLarge(bytes.length, maxBytes));
    }
    Charset charset = Charset.forName(encoding);
    // In UTF-16 and UTF-32 a NUL byte is part of most characters; there the decoded text is
    // checked.
    String problem = StrictDecoding.wide(charset) ? null : binaryProblem(bytes);
    if (problem != null) {
      return new Content(null, problem);
    }
    String text;
    try {
      text = StrictDecoding.decode(bytes, charset);
    } catch (CharacterCodingException e) {
      return new Content(
          null, e.getMessage() + "; ingest.encoding names the input's character set");
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      return new Content(null, "binary content (NUL character at position " + nul + ")");
    }
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      return new Content(null, "empty or only whitespace");
    }
    problem = controlCharacterProblem(text);
    if (problem != null) {
      return new Content(null, problem);
    }
    return new Content(text, null);
  }

  /**
   * The message for a file over the size limit; sources that check sizes before reading use it too.
   */
  public static String tooLarge(long size, long maxBytes) {
    return String.format(
        "text is %d bytes, over the limit of %d bytes (ingest.max-review-bytes)", size, maxBytes);
  }

  private static String binaryProblem(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return "binary content (NUL byte at offset " + i + ")";
      }
    }
    return null;
  }

  /** Text with more than 1% C0 control characters (other than whitespace) is not a review. */
  static String controlCharacterProblem(String text) {
    int controls = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
        controls++;
      }
    }
    if (controls > 3 && controls * 100L > text.length()) {
      return "binary content (" + controls + " control characters in " + text.length() + ")";
    }
    return null;
  }
}
