package io.imdbrnn.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.imdbrnn.config.IngestFormat;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.datasets.TextColumns;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import io.imdbrnn.fs.Decompressed;
import io.imdbrnn.fs.QuotedFieldTracker;
import io.imdbrnn.runtime.HadoopConf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.TaskCompletionListener;

/**
 * CSV, TSV and JSON Lines tables: a file, or a directory of files (hidden ones and links skipped,
 * gzip and bzip2 read through Hadoop's codecs). Each executor task streams whole files, so rows
 * keep their position: a problem is named as {@code <file> row <n>} (the n-th data row after the
 * header; for JSON Lines, the line). Memory per task is one row, bounded by {@code
 * ingest.max-review-bytes}.
 */
final class TableFileSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Header and row size limits, well beyond any text ingest accepts. */
  private static final int MAX_COLUMNS = 20_000;

  private TableFileSource() {}

  static Dataset<Row> read(
      SparkSession spark,
      FileSystem fs,
      Path input,
      IngestFormat format,
      TableRow checker,
      long maxBytes,
      String encoding,
      int partitions) {
    List<Row> files = files(fs, input, format);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    int maxChars = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(maxBytes, 1 << 20) * 2);
    return spark.createDataFrame(
        jsc.parallelize(files, Math.max(1, Math.min(partitions, files.size())))
            .flatMap(
                f ->
                    readFile(
                        conf, f.getString(0), f.getString(1), format, checker, maxChars, encoding)),
        ReviewValidation.SCHEMA);
  }

  /** The files to read: (URI, name relative to the input's parent, for messages and ids). */
  private static List<Row> files(FileSystem fs, Path input, IngestFormat format) {
    List<Row> out = new ArrayList<>();
    try {
      FileStatus status = fs.getFileStatus(input);
      Path base = input.getParent() == null ? input : input.getParent();
      if (status.isFile()) {
        out.add(RowFactory.create(status.getPath().toUri().toString(), relative(base, status)));
      } else {
        collect(fs, fs.makeQualified(input), fs.makeQualified(base), format, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + input + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new BadInputException(
          String.format(
              "Input %s holds no %s files (%s); nothing was written.",
              input, format.settingName(), String.join(", ", format.extensions())));
    }
    out.sort((a, b) -> a.getString(1).compareTo(b.getString(1)));
    return out;
  }

  private static void collect(
      FileSystem fs, Path dir, Path base, IngestFormat format, List<Row> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith(".")
          || name.startsWith("_")
          || DirectoryListing.isLink(fs, s.getPath())) {
        continue;
      }
      if (s.isDirectory()) {
        collect(fs, s.getPath(), base, format, out);
      } else if (s.isFile() && format.namesFile(name)) {
        out.add(RowFactory.create(s.getPath().toUri().toString(), relative(base, s)));
      }
    }
  }

  private static String relative(Path base, FileStatus s) {
    String b = base.toUri().getPath();
    String p = s.getPath().toUri().getPath();
    return p.startsWith(b) ? p.substring(b.length()).replaceFirst("^/+", "") : p;
  }

  private static Iterator<Row> readFile(
      HadoopConf conf,
      String uri,
      String name,
      IngestFormat format,
      TableRow checker,
      int maxChars,
      String encoding)
      throws IOException {
    Configuration c = conf.toConfiguration();
    Path path = new Path(java.net.URI.create(uri));
    InputStream in = Decompressed.open(c, path);
    // Replacement characters mark bytes that are not valid in the character set; TableRow rejects
    // the row holding them.
    Reader reader = new InputStreamReader(in, Charset.forName(encoding));
    RowStream rows =
        format == IngestFormat.JSONL
            ? new JsonLines(new BufferedReader(reader), name, checker, maxChars)
            : new Delimited(
                reader, name, format == IngestFormat.TSV ? '\t' : ',', checker, maxChars);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) ctx -> rows.close());
    }
    return rows;
  }

  /**
   * The rows of one file, parsed one at a time as Spark pulls them. A problem with the whole file
   * (no header, a missing column, an unbalanced quote) ends it with one fatal row.
   */
  private abstract static class RowStream implements Iterator<Row>, java.io.Closeable {
    final String name;
    final TableRow checker;
    private final Reader reader;
    private Row next;
    private boolean done;

    RowStream(Reader reader, String name, TableRow checker) {
      this.reader = reader;
      this.name = name;
      this.checker = checker;
    }

    /** The next row, or null at the end of the file. */
    abstract Row produce() throws IOException;

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        try {
          next = produce();
        } catch (BadInputException e) {
          next = ReviewValidation.toRow(ParseOutcome.rejected(name, e.getMessage()), true);
          done = true;
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
        }
        if (next == null) {
          done = true;
          close();
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    static Row rejected(String source, String problem) {
      return ReviewValidation.toRow(ParseOutcome.rejected(source, problem), false);
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // Reading is over; a failed close loses nothing.
      }
    }
  }

  private static final class Delimited extends RowStream {
    private final CsvParser parser;
    private final QuotedFieldTracker quotes;
    private final char delimiter;
    private int[] text;
    private int label;
    private int id;
    private int split;
    private int width = -1;
    private long n;

    Delimited(Reader reader, String name, char delimiter, TableRow checker, int maxChars) {
      this(
          new QuotedFieldTracker(reader, delimiter, checker.columns().quote()),
          name,
          delimiter,
          checker,
          maxChars);
    }

    private Delimited(
        QuotedFieldTracker reader, String name, char delimiter, TableRow checker, int maxChars) {
      super(reader, name, checker);
      this.quotes = reader;
      CsvParserSettings settings = new CsvParserSettings();
      settings.getFormat().setDelimiter(delimiter);
      // ingest.quote=none is '\0', which no text holds (a NUL makes its row malformed anyway).
      settings.getFormat().setQuote(checker.columns().quote());
      settings.getFormat().setQuoteEscape(checker.columns().quote());
      this.delimiter = delimiter;
      settings.setLineSeparatorDetectionEnabled(true);
      settings.setMaxCharsPerColumn(maxChars);
      settings.setMaxColumns(MAX_COLUMNS);
      settings.setIgnoreLeadingWhitespaces(false);
      settings.setIgnoreTrailingWhitespaces(false);
      settings.setSkipEmptyLines(true);
      settings.setErrorContentLength(0);
      parser = new CsvParser(settings);
      parser.beginParsing(reader);
    }

    @Override
    Row produce() {
      try {
        String[] row;
        if (width < 0) {
          row = header();
        } else {
          row = parser.parseNext();
        }
        if (row == null) {
          requireClosedQuotes();
          return null;
        }
        n++;
        String source = name + " row " + n;
        if (row.length != width) {
          return rejected(
              source,
              String.format(
                  "has %d fields, the %s %d (an unquoted delimiter or quote?)",
                  row.length, checker.columns().header() ? "header" : "first row", width));
        }
        String swallowed = swallowedRows(row);
        if (swallowed != null) {
          return rejected(source, swallowed);
        }
        return ReviewValidation.toRow(
            checker.check(
                source,
                name + ":" + n,
                cell(row, id),
                cell(row, split),
                cell(row, label),
                text(row)),
            false);
      } catch (TextParsingException e) {
        throw new BadInputException(
            String.format(
                "%s cannot be parsed near line %d: %s (an unbalanced quote?)",
                name, e.getLineIndex() + 1, firstLine(e.getMessage())));
      }
    }

    /**
     * The parser closes a quoted field at the end of the file without a word, so a stray quote
     * would have made the rest of the file one text: the whole file is refused (its rows already
     * parsed included), naming the line where the quote opened.
     */
    private void requireClosedQuotes() {
      long opened = quotes.unclosedQuoteLine();
      if (opened > 0) {
        throw new BadInputException(
            String.format(
                "%s: the quote that opens a field on line %d is never closed, so every row after"
                    + " it would be read as that field's text (a stray quote?). Quote a field"
                    + " whole and double the quotes inside it; if the file does not quote its"
                    + " fields, set %s=%s",
                name, opened, IngestSettings.QUOTE, IngestSettings.NO_QUOTE));
      }
    }

    /**
     * In TSV, a field whose lines after the first hold as many tabs as a row: a stray quote that
     * opened it has swallowed the rows after it (texts seldom hold tabs, and never a row's worth on
     * a line of their own). Null when no field looks so. CSV texts hold commas on every other line,
     * so there a swallowed row cannot be told from a text.
     */
    private String swallowedRows(String[] row) {
      if (delimiter != '\t' || width < 2 || checker.columns().quote() == '\0') {
        return null;
      }
      for (int f = 0; f < row.length; f++) {
        String cell = row[f];
        if (cell == null || (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0)) {
          continue;
        }
        List<String> lines = cell.lines().toList();
        for (int i = 1; i < lines.size(); i++) {
          if (lines.get(i).chars().filter(c -> c == '\t').count() >= width - 1) {
            return String.format(
                "field %d opens a quote that runs over %d lines, and its line %d looks like a"
                    + " row of its own (a stray quote?); if the file does not quote its fields,"
                    + " set %s=%s",
                f + 1, lines.size(), i + 1, IngestSettings.QUOTE, IngestSettings.NO_QUOTE);
          }
        }
      }
      return null;
    }

    /**
     * Reads the header row and finds the wanted columns; returns the first data row (null if none)
     * when the file has no header.
     */
    private String[] header() {
      String[] header = parser.parseNext();
      TableColumns wanted = checker.columns();
      if (header == null) {
        throw new BadInputException(
            name + " is empty" + (wanted.header() ? ": a table needs a header row" : ""));
      }
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < header.length; i++) {
        String h = header[i];
        columns.add(
            wanted.header()
                ? (h == null ? "" : h.replace("\uFEFF", "").strip())
                : TableColumns.unnamed(i));
      }
      if (!wanted.header() && header.length > 0 && header[0] != null) {
        header[0] = header[0].replace("\uFEFF", "");
      }
      String missing = wanted.missing(columns, name);
      if (missing == null) {
        missing = wanted.repeated(columns, name);
      }
      if (missing != null) {
        throw new BadInputException(missing);
      }
      text = wanted.texts().stream().mapToInt(columns::indexOf).toArray();
      label = columns.indexOf(wanted.label());
      id = wanted.id() == null ? -1 : columns.indexOf(wanted.id());
      split = wanted.split() == null ? -1 : columns.indexOf(wanted.split());
      width = header.length;
      return wanted.header() ? parser.parseNext() : header;
    }

    /** The text columns' cells of {@code row} as one text. */
    private String text(String[] row) {
      List<String> cells = new ArrayList<>(text.length);
      for (int i : text) {
        cells.add(row[i]);
      }
      return TextColumns.join(cells);
    }

    @Override
    public void close() {
      parser.stopParsing();
      super.close();
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static String cell(String[] row, int index) {
    return index < 0 ? null : row[index];
  }

  /**
   * A JSON number as one text per value: {@code 1}, {@code 1.0} and {@code 1e0} are the same label
   * ("1"), as they are the same number, where Jackson's own text would make them three classes.
   */
  static String numberText(JsonNode number) {
    return number.isIntegralNumber()
        ? number.asText()
        : number.decimalValue().stripTrailingZeros().toPlainString();
  }

  private static final class JsonLines extends RowStream {
    private final BufferedReader lines;
    private final int maxChars;
    private final Path path;
    private long n;

    JsonLines(BufferedReader lines, String name, TableRow checker, int maxChars) {
      super(lines, name, checker);
      this.lines = lines;
      this.maxChars = maxChars;
      this.path = new Path(name);
    }

    @Override
    Row produce() throws IOException {
      String line;
      do {
        line = BoundedRead.line(lines, maxChars, path);
        n++;
      } while (line != null && line.isBlank());
      if (line == null) {
        return null;
      }
      String source = name + " line " + n;
      JsonNode node;
      try {
        node = JSON.readTree(line.replace("\uFEFF", ""));
      } catch (IOException e) {
        return rejected(source, "not valid JSON: " + firstLine(e.getMessage()));
      }
      if (node == null || !node.isObject()) {
        return rejected(source, "not a JSON object");
      }
      TableColumns wanted = checker.columns();
      List<String> fields = new ArrayList<>();
      fields.add(wanted.id());
      fields.add(wanted.split());
      fields.add(wanted.label());
      int firstText = fields.size();
      fields.addAll(wanted.texts());
      String[] values = new String[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        String field = fields.get(i);
        if (field == null) {
          continue;
        }
        JsonNode v = node.get(field);
        boolean isText = i >= firstText;
        if (v == null) {
          return rejected(source, "no field '" + field + "'");
        }
        if (v.isContainerNode() || (isText && !v.isTextual() && !v.isNull())) {
          return rejected(
              source,
              String.format(
                  "field '%s' is %s, not a %s",
                  field,
                  v.getNodeType().name().toLowerCase(Locale.ROOT),
                  isText ? "string" : "string or number"));
        }
        values[i] = v.isNull() ? null : v.isNumber() ? numberText(v) : v.asText();
      }
      String text =
          TextColumns.join(java.util.Arrays.asList(values).subList(firstText, values.length));
      return ReviewValidation.toRow(
          checker.check(source, name + ":" + n, values[0], values[1], values[2], text), false);
    }
  }
}
