package io.imdbrnn.predict;

import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.Decompressed;
import io.imdbrnn.fs.QuotedFieldTracker;
import io.imdbrnn.runtime.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Refuses CSV files that end inside a quoted field, before Spark's reader scores them: that reader
 * closes such a field at the end of the file, so one stray quote would make every row after it one
 * text, scored once, and the other rows would be missing from the output with exit 0. Each file is
 * read once on an executor, through the same quoting rules, in constant memory.
 */
final class UnclosedQuotes {
  private UnclosedQuotes() {}

  /**
   * @param files the files Spark's reader will read ({@code Dataset.inputFiles()})
   * @throws BadInputException naming the first such file and the line where its quote opened
   */
  static void require(SparkSession spark, String[] files, char delimiter, String encoding) {
    if (files.length == 0) {
      return;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    List<String> unclosed =
        jsc.parallelize(Arrays.asList(files), Math.min(files.length, jsc.defaultParallelism() * 4))
            .map(f -> describe(f, openedLine(conf.toConfiguration(), f, delimiter, encoding)))
            .filter(d -> d != null)
            .take(1);
    if (!unclosed.isEmpty()) {
      throw new BadInputException(unclosed.get(0));
    }
  }

  private static String describe(String file, long line) {
    if (line == 0) {
      return null;
    }
    // Spark's URI, decoded: the name as the user wrote it.
    return String.format(
        "Input %s (%s): the quote that opens a field on line %d is never closed, so every row"
            + " after it would be read as that field's text (a stray quote?). Quote a field whole"
            + " and double the quotes inside it. Nothing was written.",
        new Path(URI.create(file)), PredictSettings.INPUT, line);
  }

  private static long openedLine(Configuration conf, String file, char delimiter, String encoding)
      throws IOException {
    try (InputStream in = Decompressed.open(conf, new Path(URI.create(file)));
        Reader text = new InputStreamReader(in, Charset.forName(encoding));
        QuotedFieldTracker quotes = new QuotedFieldTracker(text, delimiter, '"')) {
      return quotes.readToEnd();
    }
  }
}
