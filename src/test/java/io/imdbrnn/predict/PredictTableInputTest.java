package io.imdbrnn.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.TinyBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} reads the table formats that {@code ingest} reads, by their names or as told: a
 * JSON Lines or TSV file was once scored line by line as raw text (the header and the braces
 * included), and a lone Parquet file as lines of bytes.
 */
class PredictTableInputTest extends SparkTestBase {
  @TempDir Path dir;
  private Path bundle;

  @BeforeEach
  void setUp() {
    bundle = TinyBundle.write(dir.resolve("bundle"));
  }

  @Test
  void jsonLinesAreRowsAndALineThatIsNoObjectIsMalformedNotEmpty() throws IOException {
    Path input =
        Files.writeString(
            dir.resolve("new.jsonl"),
            """
            {"id": 1, "body": "A great film, awful ending."}
            {"id": 2, "body": ""}
            {"id": 3, "body": "truncated
            {"id": 4, "body": "Awful."}
            """);
    Map<Long, String> status = statuses(predict(input, "--text-column", "body"), "id");
    assertThat(status).containsEntry(1L, "ok").containsEntry(2L, "empty");
    assertThat(status).containsEntry(4L, "ok");
    // The broken line has no id; it is kept with Spark's record of it, as malformed.
    List<Row> broken =
        spark
            .read()
            .parquet(dir.resolve("out").toString())
            .where("status = 'malformed'")
            .collectAsList();
    assertThat(broken).hasSize(1);
    assertThat(broken.get(0).getString(broken.get(0).fieldIndex("_corrupt_record")))
        .contains("truncated");
    assertThat(broken.get(0).isNullAt(broken.get(0).fieldIndex("probability"))).isTrue();
  }

  @Test
  void aPrettyPrintedJsonDocumentIsRefusedNotScoredAsMalformedRows() throws IOException {
    Path input =
        Files.writeString(
            dir.resolve("export.json"),
            "[\n  {\n    \"text\": \"Great film.\"\n  },\n  {\n    \"text\": \"Awful.\"\n  }\n]\n");
    CliRun run = run(input);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(input.toString()).contains("no line is a JSON object");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void jsonLinesInAnotherCharacterSetAreDecodedInIt() throws IOException {
    Path input = dir.resolve("latin.jsonl");
    Files.write(
        input,
        "{\"id\": \"a\", \"text\": \"Un caf\u00e9 tr\u00e8s fort.\"}\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    List<Row> rows = predict(input, "--encoding", "ISO-8859-1");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(rows.get(0).fieldIndex("text")))
        .isEqualTo("Un caf\u00e9 tr\u00e8s fort.");
    assertThat(rows.get(0).getString(rows.get(0).fieldIndex("status"))).isEqualTo("ok");
  }

  @Test
  void tsvIsReadByItsTabsWithItsHeader() throws IOException {
    Path input =
        Files.writeString(
            dir.resolve("new.tsv"),
            "id\ttext\na\tA great film, awful ending.\nb\t\"quoted\ttab\"\n");
    Map<String, String> status = statuses(predict(input), "id");
    assertThat(status).containsOnlyKeys("a", "b").containsEntry("a", "ok");
  }

  @Test
  void aStrayQuoteInATsvRowDoesNotSwallowTheRowsAfterIt() throws IOException {
    Path input =
        Files.writeString(
            dir.resolve("stray.tsv"), "id\ttext\na\t\"Great film\nb\tAwful film\nc\tfine\n");
    Map<String, String> status = statuses(predict(input), "id");
    assertThat(status).containsOnlyKeys("a", "b", "c");
  }

  /**
   * Spark's CSV reader closes a quote at the end of the file, so a stray one made every row after
   * it one text: scored once, the others missing from the output, exit 0.
   */
  @Test
  void aCsvQuoteThatIsNeverClosedIsRefusedNamingTheFileAndLine() throws IOException {
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Files.writeString(parts.resolve("part-0.csv"), "id,text\na,Great film.\n");
    Files.writeString(
        parts.resolve("part-1.csv"), "id,text\nb,Awful film.\nc,\"Great film\nd,Fine.\n");
    CliRun run = run(parts);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("part-1.csv").contains("line 3 is never closed");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /** What the check must leave alone: quoted line breaks, doubled quotes, a quote mid-field. */
  @Test
  void closedQuotesAndQuotesInsideAFieldAreScoredAsWritten() throws IOException {
    Path input =
        Files.writeString(
            dir.resolve("quotes.csv"),
            "id,text\r\na,\"Great\r\nfilm.\"\r\nb,\"A \"\"great\"\" film\"\r\n"
                + "c,The 12\" screen\r\n");
    List<Row> rows = predict(input);
    Map<String, String> text = new java.util.HashMap<>();
    rows.forEach(r -> text.put(r.getString(r.fieldIndex("id")), r.getString(r.fieldIndex("text"))));
    assertThat(text)
        // Spark's reader ends a line inside quotes with LF.
        .containsEntry("a", "Great\nfilm.")
        .containsEntry("b", "A \"great\" film")
        .containsEntry("c", "The 12\" screen");
    assertThat(statuses(rows, "id"))
        .containsOnly(Map.entry("a", "ok"), Map.entry("b", "ok"), Map.entry("c", "ok"));
  }

  @Test
  void aCsvRowWhoseFieldsDoNotMatchTheHeaderIsMalformedNotScored() throws IOException {
    Path input =
        Files.writeString(
            dir.resolve("short.csv"),
            "id,text,source\na,Great film.,web\nb,Awful film.\nc,Fine.,web,extra\n");
    List<Row> rows = predict(input);
    assertThat(statuses(rows, "id"))
        .containsEntry("a", "ok")
        .containsEntry("b", "malformed")
        .containsEntry("c", "malformed");
    assertThat(rows.get(0).schema().fieldNames())
        .containsExactly(
            "id", "text", "source", "status", "probability", "predicted_label", "predicted_class");
  }

  @Test
  void aMissingTextColumnIsRefusedNamingTheColumnsTheFileHas() throws IOException {
    Path input = Files.writeString(dir.resolve("bodies.csv"), "id,body\na,Great film.\n");
    CliRun run = run(input);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("no text column 'text'")
        .contains("struct<id:string,body:string>");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aDirectoryOfCsvPartsIsOneDataset() throws IOException {
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Files.writeString(parts.resolve("part-0.csv"), "id,text\na,Great film.\n");
    Files.writeString(parts.resolve("part-1.csv"), "id,text\nb,Awful film.\n");
    Files.writeString(parts.resolve(".part-1.csv.crc"), "not read");
    assertThat(statuses(predict(parts), "id")).containsOnlyKeys("a", "b");
  }

  /** Spark's {@code _SUCCESS} once made such a directory Parquet, and predict failed on it. */
  @Test
  void aDirectoryOfCsvThatSparkWroteIsCsv() throws IOException {
    Path written = dir.resolve("spark-csv");
    spark
        .createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create("a", "Great film, truly."),
                org.apache.spark.sql.RowFactory.create("b", "Awful \"film\".")),
            new org.apache.spark.sql.types.StructType().add("id", "string").add("text", "string"))
        .write()
        .option("header", "true")
        .option("escape", "\"")
        .csv(written.toString());
    assertThat(written.resolve("_SUCCESS")).exists();
    assertThat(statuses(predict(written), "id"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "ok", "b", "ok"));
  }

  @Test
  void aParquetFileIsADataset() throws IOException {
    Path written = dir.resolve("written");
    spark
        .createDataFrame(List.of(new Text("Great film.")), Text.class)
        .coalesce(1)
        .write()
        .parquet(written.toString());
    Path file;
    try (var files = Files.list(written)) {
      file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path single = Files.move(file, dir.resolve("reviews.parquet"));
    List<Row> rows = predict(single);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(rows.get(0).fieldIndex("status"))).isEqualTo("ok");
  }

  @Test
  void aDirectoryOfMixedFilesIsStillOneReviewPerFile() throws IOException {
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(mixed.resolve("a.csv"), "Great film.");
    Files.writeString(mixed.resolve("b.txt"), "Awful film.");
    CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--input", mixed.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().skip(1)).hasSize(2);
  }

  @Test
  void anArchiveIsRefusedNotScoredAsLines() throws IOException {
    Path archive = Files.write(dir.resolve("aclImdb_v1.tar.gz"), new byte[] {31, -117, 8, 0});
    CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--input", archive.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(archive.toString()).contains("archive").contains("ingest");
  }

  @Test
  void aJsonTextFieldThatIsNoStringIsRefusedNamingIt() throws IOException {
    Path input = Files.writeString(dir.resolve("numbers.jsonl"), "{\"text\": 5}\n{\"text\": 6}\n");
    CliRun run = run(input);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("text").contains(input.getFileName().toString());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /** A bean for a one-column DataFrame. */
  public static class Text implements java.io.Serializable {
    private String text;

    public Text() {}

    Text(String text) {
      this.text = text;
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }

  private List<Row> predict(Path input, String... more) {
    CliRun run = run(input, more);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return spark.read().parquet(dir.resolve("out").toString()).collectAsList();
  }

  /** {@code predict} of the input into {@code out}, with more options. */
  private CliRun run(Path input, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "predict",
                "--model",
                bundle.toString(),
                "--input",
                input.toString(),
                "--output",
                dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static <K> Map<K, String> statuses(List<Row> rows, String idColumn) {
    Map<K, String> out = new TreeMap<>();
    for (Row r : rows) {
      if (!r.isNullAt(r.fieldIndex(idColumn))) {
        @SuppressWarnings("unchecked")
        K id = (K) r.get(r.fieldIndex(idColumn));
        out.put(id, r.getString(r.fieldIndex("status")));
      }
    }
    return out;
  }
}
