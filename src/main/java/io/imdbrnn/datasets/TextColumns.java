package io.imdbrnn.datasets;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A text held in several columns ({@code ingest.text-column}, {@code predict.text-column}: {@code
 * title,description}, as AG News, DBpedia and Yahoo Answers ship): the names, and the one way their
 * cells become a text, so that training and scoring read the same words.
 */
public final class TextColumns {
  /** Between the cells of one text. */
  static final String JOINER = "\n";

  private TextColumns() {}

  /** The column names a setting holds: one, or several separated by commas. */
  public static List<String> names(String setting) {
    List<String> out = new ArrayList<>();
    for (String c : setting.split(",")) {
      if (!c.strip().isEmpty()) {
        out.add(c.strip());
      }
    }
    return out;
  }

  /**
   * The cells, in order, a line break between two, skipping null and blank ones; null when every
   * cell is.
   */
  public static String join(List<String> cells) {
    StringBuilder out = null;
    for (String cell : cells) {
      if (cell == null || cell.isBlank()) {
        continue;
      }
      out = out == null ? new StringBuilder(cell) : out.append(JOINER).append(cell);
    }
    return out == null ? null : out.toString();
  }

  /** {@link #join} of the string columns {@code names}, as a column. */
  public static Column joined(List<String> names) {
    if (names.size() == 1) {
      return col(names.get(0));
    }
    return udf(
            (UDF1<Seq<String>, String>) cells -> join(JavaConverters.seqAsJavaList(cells)),
            DataTypes.StringType)
        .apply(
            array(names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
  }
}
