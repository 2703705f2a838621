package io.imdbrnn.predict;

import io.imdbrnn.config.OutputFormat;
import io.imdbrnn.fs.JsonFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Prints predictions as TSV or JSON lines through real writers, because ids are data: a file name
 * or id may hold a tab, a newline, a quote or a backslash. TSV is quoted as RFC 4180 does for CSV
 * (a field holding a tab, newline or quote is put in double quotes, quotes doubled), which
 * spreadsheet tools, pandas ({@code sep="\t"}) and commons-csv's TDF format read back; JSON lines
 * are written by Jackson, one object per line.
 */
public abstract class PredictionWriter {
  static final String[] COLUMNS = {"id", "status", "probability", "label"};

  public abstract void write(List<Prediction> predictions, PrintWriter out);

  public static PredictionWriter forFormat(OutputFormat format) {
    return format == OutputFormat.JSON ? new JsonLines() : new Tsv();
  }

  private static final class Tsv extends PredictionWriter {
    @Override
    public void write(List<Prediction> predictions, PrintWriter out) {
      try {
        CSVPrinter printer =
            CSVFormat.TDF.builder().setRecordSeparator('\n').setHeader(COLUMNS).build().print(out);
        for (Prediction p : predictions) {
          Double probability = p.roundedProbability();
          printer.printRecord(
              p.id(),
              p.status(),
              probability == null ? "" : String.format(java.util.Locale.ROOT, "%.6f", probability),
              p.label() == null ? "" : p.label().toString());
        }
        printer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot print predictions: " + e.getMessage(), e);
      }
    }
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
          out.println(JsonFiles.LINES.writeValueAsString(row));
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot print predictions: " + e.getMessage(), e);
      }
    }
  }
}
