package io.imdbrnn.predict;

import io.imdbrnn.config.OutputFormat;
import io.imdbrnn.fs.JsonFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints predictions as TSV or JSON lines, because ids are data: a file name or id may hold a tab,
 * a newline, a quote or a backslash. TSV has no quoting: each record is one line of tab-separated
 * fields, and a backslash, tab, newline or carriage return inside a field is escaped as {@code \\},
 * {@code \t}, {@code \n}, {@code \r} (the text-file convention of Hive, PostgreSQL's {@code COPY}
 * and {@code read -r}), so {@code cut}, {@code awk} and any line-per-record reader see exactly one
 * record per review. JSON lines are written by Jackson, one object per line. {@code class} is the
 * predicted class as the training data named it, for every model; {@code label} is 1 or 0 for a
 * two-class model (as always) and the class's name for a K-class one, whose probability is the
 * predicted class's and whose JSON lines also hold every class's probability ({@code
 * probabilities}, by class name).
 */
public abstract class PredictionWriter {
  static final String[] COLUMNS = {"id", "status", "probability", "label", "class"};

  public abstract void write(List<Prediction> predictions, PrintWriter out);

  public static PredictionWriter forFormat(OutputFormat format) {
    return format == OutputFormat.JSON ? new JsonLines() : new Tsv();
  }

  private static final class Tsv extends PredictionWriter {
    @Override
    public void write(List<Prediction> predictions, PrintWriter out) {
      out.print(String.join("\t", COLUMNS) + "\n");
      for (Prediction p : predictions) {
        Double probability = p.roundedProbability();
        out.print(
            escape(p.id())
                + "\t"
                + escape(p.status())
                + "\t"
                + (probability == null
                    ? ""
                    : String.format(java.util.Locale.ROOT, "%.6f", probability))
                + "\t"
                + (p.label() == null ? "" : p.label().toString())
                + "\t"
                + escape(p.className())
                + "\n");
      }
      out.flush();
    }
  }

  /** A field for one TSV line: backslash, tab, newline and carriage return escaped. */
  private static String escape(String field) {
    if (field == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(field.length() + 8);
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final class JsonLines extends PredictionWriter {

    @Override
    public void write(List<Prediction> predictions, PrintWriter out) {
      try {
        for (Prediction p : predictions) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", p.id());
          row.put("status", p.status());
          row.put("probability", p.roundedProbability());
          row.put("label", p.label());
          row.put("class", p.className());
          if (p.classes().distributed()) {
            row.put("probabilities", p.roundedProbabilities());
          }
          out.println(JsonFiles.LINES.writeValueAsString(row));
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot print predictions: " + e.getMessage(), e);
      }
    }
  }
}
