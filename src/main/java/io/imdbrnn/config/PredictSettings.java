package io.imdbrnn.config;

import java.util.Map;

/** Settings of the predict stage ({@code predict.*} in the config). */
public record PredictSettings(
    @Setting(value = "\"\"", required = true, label = "PATH", doc = StagePaths.MODEL_DOC)
        String model,
    @Setting(
            value = "\"\"",
            label = "PATH",
            help = "-, a text file, a directory, or a table (Parquet, CSV, TSV, JSON Lines).",
            doc =
                """
                Reviews to score, besides any --text: "-" (standard input, one review per line), a \
                text file (one review per line), a directory (one review per file), or a dataset \
                scored across the cluster: a Parquet, CSV, TSV or JSON Lines file, or a directory \
                of them (as Spark writes them). Empty: only --text.""")
        String input,
    @Setting(
            value = "auto",
            label = "FORMAT",
            help = "auto, lines, files, parquet, csv, tsv or jsonl.",
            doc =
                """
                How to read input: auto (by the path: "-"; a file named *.csv, *.tsv, *.jsonl, \
                *.json or *.parquet, compressed or not, or a directory of such files, is that \
                table; another directory is one review per file; another file one review per \
                line), lines, files, parquet, csv, tsv or jsonl (one JSON object per line; a line \
                that is not one gets the status malformed and is kept in _corrupt_record).""")
        InputFormat inputFormat,
    @Setting(
            value = "text",
            label = "NAME",
            required = true,
            doc =
                "The text column of a table input, or several separated by commas, joined as"
                    + " ingest.text-column joins them.")
        String textColumn,
    @Setting(
            value = "\"\"",
            label = "PATH",
            doc =
                """
                Dataset inputs only: where the scored Parquet dataset is written (input columns + \
                status, probability, predicted_label, predicted_class; probabilities too for more \
                than two classes). Other inputs print to standard output.""")
        String output,
    @Setting(
            value = "tsv",
            label = "FORMAT",
            help = "tsv or json.",
            doc =
                """
                Standard output format: tsv (id, status, probability, label; with a header; RFC 4180 \
                quoting) or json (one object per line).""")
        OutputFormat outputFormat,
    @Setting(
            value = "UTF-8",
            label = "CHARSET",
            doc =
                """
                The character set of text files, standard input and CSV, TSV and JSON Lines input, by any name Java \
                knows (UTF-8, ISO-8859-1 or latin1, windows-1252, UTF-16 with its byte order mark, \
                ...). A review with bytes that are not valid in it gets the status invalid-utf8 \
                (invalid-encoding for another set). UTF-16 and UTF-32 are read one review per \
                file, not per line. Parquet strings are UTF-8 by definition and ignore it.""")
        String encoding,
    @Setting(
            value = "1048576",
            min = 1,
            max = IngestSettings.MAX_REVIEW_BYTES_LIMIT,
            doc = "Longer reviews (or lines) are not scored; their status is too-long.")
        long maxReviewBytes,
    @Setting(value = "256", min = 1, max = 65_536, doc = "Reviews per scoring minibatch.")
        int batchSize,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public PredictSettings {
    SettingsSchema.check(
        PredictSettings.class,
        model,
        input,
        inputFormat,
        textColumn,
        output,
        outputFormat,
        encoding,
        maxReviewBytes,
        batchSize,
        overwrite);
    TextEncoding.check(ENCODING, encoding);
  }

  public static final String MODEL = "predict.model";
  public static final String INPUT = "predict.input";
  public static final String INPUT_FORMAT = "predict.input-format";
  public static final String TEXT_COLUMN = "predict.text-column";
  public static final String OUTPUT = "predict.output";
  public static final String ENCODING = "predict.encoding";

  @Override
  public String section() {
    return "predict";
  }

  @Override
  public Map<String, String> otherInputs() {
    return Map.of(MODEL, model);
  }
}
