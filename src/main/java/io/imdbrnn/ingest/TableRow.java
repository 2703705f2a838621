package io.imdbrnn.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Checks one row of a table (CSV, TSV, JSON Lines, Parquet) and turns it into a text row, or says
 * why not, naming the column. A replacement character (U+FFFD) in a cell means the reader met bytes
 * that are not UTF-8; such a row is malformed rather than silently changed.
 */
final class TableRow implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final char REPLACEMENT = '\uFFFD';
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final TableColumns columns;
  private final long maxBytes;
  private final String forcedSplit;

  /** Completes "holds bytes that are not ...": the character set the files were read in. */
  private final String notDecoded;

  /**
   * @param forcedSplit the split of every row (one input of two), or null to read the split column
   *     or leave it to be assigned
   * @param encoding the character set text tables are read in ({@code ingest.encoding})
   */
  TableRow(TableColumns columns, long maxBytes, String forcedSplit, String encoding) {
    this.columns = columns;
    this.maxBytes = maxBytes;
    this.forcedSplit = forcedSplit;
    this.notDecoded = "valid " + encoding + " (ingest.encoding)";
  }

  TableColumns columns() {
    return columns;
  }

  /**
   * @param source where the row is, for messages: {@code <file> row <n>}
   * @param defaultId the row's id when the table has no id column
   */
  ParseOutcome check(
      String source, String defaultId, String id, String split, String label, String text) {
    String problem = cellProblem(columns.label(), label);
    if (problem == null && columns.id() != null) {
      problem = cellProblem(columns.id(), id);
    }
    if (problem == null) {
      problem = textProblem(text);
    }
    String assigned = forcedSplit;
    if (problem == null && forcedSplit == null && columns.split() != null) {
      assigned = SplitNames.normalize(split);
      if (assigned == null) {
        problem =
            String.format(
                "split %s in column '%s' is not train or test",
                split == null ? "null" : "'" + split + "'", columns.split());
      }
    }
    if (problem != null) {
      return ParseOutcome.rejected(source, problem);
    }
    String body = text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    return ParseOutcome.ok(
        source,
        new Review(
            columns.id() != null ? id.strip() : defaultId, assigned, label.strip(), null, body));
  }

  private String cellProblem(String column, String value) {
    if (value == null || value.isBlank()) {
      return "column '" + column + "' is empty";
    }
    if (value.indexOf(REPLACEMENT) >= 0) {
      return "column '" + column + "' holds bytes that are not " + notDecoded;
    }
    // A label or id names something in every output (TSV predictions, the report, the manifest): a
    // line break or tab inside it would split their rows. Spaces around it are stripped.
    String kept = value.strip();
    for (int i = 0; i < kept.length(); i++) {
      char c = kept.charAt(i);
      if (Character.isISOControl(c)) {
        return String.format(
            "column '%s' holds a control character (U+%04X) inside its value", column, (int) c);
      }
    }
    return null;
  }

  private String textProblem(String text) {
    if (text == null
        || text.isBlank()
        || (text.length() == 1 && text.charAt(0) == BYTE_ORDER_MARK)) {
      return "column '" + columns.text() + "' is empty or only whitespace";
    }
    // Three bytes per char at most: only long texts need their exact UTF-8 size.
    if ((long) text.length() * 3 > maxBytes) {
      long bytes = text.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxBytes) {
        return ReviewParser.tooLarge(bytes, maxBytes) + " in column '" + columns.text() + "'";
      }
    }
    if (text.indexOf(REPLACEMENT) >= 0) {
      return "column '" + columns.text() + "' holds bytes that are not " + notDecoded;
    }
    if (text.indexOf('\0') >= 0) {
      return "column '" + columns.text() + "' holds binary content (a NUL character)";
    }
    String control = ReviewParser.controlCharacterProblem(text);
    return control == null ? null : control + " in column '" + columns.text() + "'";
  }
}
