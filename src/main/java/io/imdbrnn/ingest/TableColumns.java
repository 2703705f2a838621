package io.imdbrnn.ingest;

import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.datasets.TextColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The columns of a table that ingest reads; {@code id} and {@code split} are null when the table
 * has none. {@code header}: whether a CSV or TSV file's first row names its columns (without one
 * they are {@code _c0, _c1, …}, as Spark's CSV reader names them); {@code quote}: the character
 * that may quote a CSV or TSV field, {@code '\0'} for none.
 */
record TableColumns(String text, String label, String id, String split, boolean header, char quote)
    implements Serializable {
  static TableColumns of(IngestSettings s, boolean readSplitColumn) {
    return new TableColumns(
        s.textColumn(),
        s.labelColumn(),
        s.idColumn().isEmpty() ? null : s.idColumn(),
        readSplitColumn && !s.splitColumn().isEmpty() ? s.splitColumn() : null,
        s.header(),
        s.quoteChar());
  }

  /**
   * The text columns ({@link TextColumns#names}); their cells are joined by {@link
   * TextColumns#join}.
   */
  List<String> texts() {
    return TextColumns.names(text);
  }

  /** The name of the column at {@code index} of a file without a header row. */
  static String unnamed(int index) {
    return "_c" + index;
  }

  List<String> required() {
    List<String> out = new ArrayList<>(texts());
    out.add(label);
    if (id != null) {
      out.add(id);
    }
    if (split != null) {
      out.add(split);
    }
    return out;
  }

  /**
   * A message naming the required columns that {@code header} holds more than once, whose cells
   * would be read from one of them by chance; null when each is there once at most.
   */
  String repeated(List<String> header, String file) {
    List<String> twice = new ArrayList<>();
    for (String c : new LinkedHashSet<>(required())) {
      if (header.indexOf(c) != header.lastIndexOf(c)) {
        twice.add("'" + c + "'");
      }
    }
    if (twice.isEmpty()) {
      return null;
    }
    return String.format(
        "%s names column %s more than once (its columns: %s); rename one in the file, or read"
            + " the file without its header (ingest.header=false) and name the columns _c0, _c1, …",
        file, String.join(", ", twice), header);
  }

  /**
   * The names of the required columns that {@code header} lacks, in a message naming the file and
   * the setting; null when none is missing.
   */
  String missing(List<String> header, String file) {
    List<String> missing = new ArrayList<>();
    for (String c : required()) {
      if (!header.contains(c)) {
        missing.add("'" + c + "'");
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    return String.format(
        "%s has no column %s (its columns: %s); name the columns with %s, %s, %s and %s",
        file,
        String.join(", ", missing),
        header,
        IngestSettings.TEXT_COLUMN,
        IngestSettings.LABEL_COLUMN,
        IngestSettings.ID_COLUMN,
        IngestSettings.SPLIT_COLUMN);
  }
}
