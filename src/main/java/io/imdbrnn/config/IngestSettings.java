package io.imdbrnn.config;

import io.imdbrnn.errors.BadInputException;

/** Settings of the ingest stage ({@code ingest.*} in the config). */
public record IngestSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            help = "Labeled text: aclImdb, a folder per class, CSV, TSV, JSON Lines or Parquet.",
            doc =
                """
                The labeled texts, on any Hadoop filesystem (file:, hdfs:, s3a:), in the layout \
                ingest.format names: the aclImdb layout (a directory or a .tar.gz such as the \
                official aclImdb_v1.tar.gz; train/unsup, imdb.vocab, *.feat and urls_*.txt are \
                ignored), a folder per class, or a table file (or a directory of table files).""")
        String input,
    @Setting(
            value = "auto",
            label = "FORMAT",
            help = "auto, aclimdb, folders, csv, tsv, jsonl or parquet.",
            doc =
                """
                How the input is laid out. auto decides by the input: a .tar.gz or a tree holding \
                {train,test}/{pos,neg}/ is aclimdb; *.csv, *.tsv, *.jsonl (or *.json) and \
                *.parquet, or a directory of them, are tables; any other directory is folders \
                (<root>/[<split>/]<class>/*.txt).""")
        IngestFormat format,
    @Setting(
            value = "\"\"",
            label = "PATH",
            doc =
                """
                A second input in the same format whose rows are all the test split (as public \
                data sets ship train.csv and test.csv); every row of ingest.input is then train. \
                Empty: the split comes from ingest.split-column, the layout, or a hash \
                (ingest.test-fraction).""")
        String testInput,
    @Setting(
            value = "text",
            doc =
                """
                Tables: the column holding the text, or several separated by commas \
                (title,description, as AG News and DBpedia ship), whose cells are joined in that \
                order with a line break; null and blank cells are left out.""")
        String textColumn,
    @Setting(
            value = "label",
            doc =
                """
                Tables: the column holding the label (strings or numbers, 2 to 10,000 distinct \
                values). aclimdb: label (pos/neg) or rating (the star rating, 8 classes).""")
        String labelColumn,
    @Setting(
            value = "\"\"",
            doc =
                """
                Tables: a column of unique row ids (repeated ids are malformed). Empty: each row \
                is named by its file and a digest of its label and text.""")
        String idColumn,
    @Setting(
            value = "\"\"",
            doc =
                """
                Tables: a column saying train or test for each row (training, dev, valid and \
                validation count as train, testing as test; case is ignored). Empty: the split \
                comes from ingest.test-input or a hash.""")
        String splitColumn,
    @Setting(
            value = "true",
            doc =
                """
                CSV and TSV: whether the first row names the columns. false: every row is data and \
                the columns are _c0, _c1, ... (as Spark names them), e.g. \
                ingest.label-column=_c0 and ingest.text-column=_c2.""")
        boolean header,
    @Setting(
            value = "\"\\\"\"",
            label = "CHAR",
            help = "The quote character of CSV and TSV, or none.",
            doc =
                """
                CSV and TSV: the character that may quote a field (a quoted field may hold the \
                delimiter, line breaks and the quote doubled), or none: fields are never quoted \
                and a quote is text, as in TSV files that do not quote (Amazon's customer reviews, \
                many exports). A TSV row whose quoted field runs over lines that look like rows \
                of their own is malformed, naming this setting: one stray quote would otherwise \
                swallow the rows after it.""")
        String quote,
    @Setting(
            value = "UTF-8",
            label = "CHARSET",
            doc =
                """
                The character set of text files and CSV, TSV and JSON Lines tables, by any name \
                Java knows (UTF-8, ISO-8859-1 or latin1, windows-1252, UTF-16 with its byte order \
                mark, ...). Bytes that are not valid in it make the text malformed. Parquet \
                strings are UTF-8 by definition and ignore it.""")
        String encoding,
    @Setting(
            value = ".txt",
            doc =
                """
                Folders: the ending of the file names read as texts (case matters); other files \
                are not read. Empty reads every file but hidden ones, as for the numbered files \
                of 20 Newsgroups.""")
        String fileExtension,
    @Setting(
            value = "0.2",
            min = 0,
            minExclusive = true,
            max = 0.9,
            doc =
                """
                Share of the rows assigned to the test split when the input says nothing about \
                splits: a seeded hash of the id column (or of the text) decides, so a row keeps \
                its split across runs and cluster sizes, and copies of a text share it.""")
        double testFraction,
    @Setting(
            value = "42",
            doc = "Seed of the hash that assigns the test split (see ingest.test-fraction).")
        long splitSeed,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                "Where the labeled texts are written as Parquet (id, split, label, rating, text).")
        String output,
    @Setting(
            value = "failfast",
            label = "MODE",
            help = "failfast or dropmalformed.",
            doc =
                """
                What to do with a malformed text (bad UTF-8, binary, empty, no label, a bad split, a \
                repeated id, a class found only in the test split, a bad file name or rating, too \
                large, a link or special file): failfast stops with an error that names the file \
                and row (nothing is written); dropmalformed skips it and records where it was and \
                why in <output>/_rejected.""")
        MalformedMode mode,
    @Setting(
            value = "1048576",
            min = 1,
            max = IngestSettings.MAX_REVIEW_BYTES_LIMIT,
            doc =
                "Largest accepted text (a file, or a table cell), in bytes. Larger ones are malformed.")
        long maxReviewBytes,
    @Setting(
            value = "0",
            min = 0,
            max = 100_000,
            doc = "Number of output files / tasks; 0 means the Spark default parallelism.")
        int partitions,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public IngestSettings {
    SettingsSchema.check(
        IngestSettings.class,
        input,
        format,
        testInput,
        textColumn,
        labelColumn,
        idColumn,
        splitColumn,
        header,
        quote,
        encoding,
        fileExtension,
        testFraction,
        splitSeed,
        output,
        mode,
        maxReviewBytes,
        partitions,
        overwrite);
    TextEncoding.check(ENCODING, encoding);
    quoteChar(quote);
  }

  /** Fields are never quoted ({@code ingest.quote=none}). */
  public static final String NO_QUOTE = "none";

  /**
   * The quote character {@code quote} names, or {@code '\0'} for none.
   *
   * @throws BadInputException naming ingest.quote unless it is one character other than a
   *     delimiter, a line break or a space, or none
   */
  public static char quoteChar(String quote) {
    if (NO_QUOTE.equalsIgnoreCase(quote)) {
      return '\0';
    }
    if (quote.length() != 1 || ",\t\r\n \0".indexOf(quote.charAt(0)) >= 0) {
      throw new BadInputException(
          String.format(
              "Cannot set %s to '%s': one quote character (\" or ') or none.", QUOTE, quote));
    }
    return quote.charAt(0);
  }

  /** The quote character of CSV and TSV files, {@code '\0'} for none. */
  public char quoteChar() {
    return quoteChar(quote);
  }

  public static final String INPUT = "ingest.input";
  public static final String OUTPUT = "ingest.output";
  public static final String MODE = "ingest.mode";
  public static final String FORMAT = "ingest.format";
  public static final String TEST_INPUT = "ingest.test-input";
  public static final String TEXT_COLUMN = "ingest.text-column";
  public static final String LABEL_COLUMN = "ingest.label-column";
  public static final String ID_COLUMN = "ingest.id-column";
  public static final String SPLIT_COLUMN = "ingest.split-column";
  public static final String ENCODING = "ingest.encoding";
  public static final String QUOTE = "ingest.quote";

  /**
   * 64 MiB: a single task holds a review in memory, so the limit must stay far below executor
   * heaps.
   */
  public static final long MAX_REVIEW_BYTES_LIMIT = 64L * 1024 * 1024;

  @Override
  public String section() {
    return "ingest";
  }
}
