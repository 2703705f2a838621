package io.imdbrnn.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest of tables (CSV, TSV, JSON Lines, Parquet) and folder-per-class trees, through the CLI. */
class TableIngestTest extends SparkTestBase {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out/texts");
  }

  private CliRun ingest(Path input, String... settings) {
    List<String> args =
        new ArrayList<>(
            List.of("ingest", "--input", input.toString(), "--output", out().toString()));
    for (String s : settings) {
      args.add("--set");
      args.add(s);
    }
    return CliRun.of(args.toArray(new String[0]));
  }

  /**
   * Ingests a CSV without a header whose class is its first column, as AG News ships, nearly all in
   * the train split.
   */
  private CliRun ingestHeaderless(Path csv, String textColumn, String... more) {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "ingest.header=false",
                "ingest.label-column=_c0",
                "ingest.text-column=" + textColumn,
                "ingest.test-fraction=0.01"));
    settings.addAll(List.of(more));
    return ingest(csv, settings.toArray(new String[0]));
  }

  private Map<String, Row> written() {
    Map<String, Row> rows = new TreeMap<>();
    for (Row r : ReviewsDataset.read(spark, out().toString()).collectAsList()) {
      rows.put(r.getString(r.fieldIndex("id")), r);
    }
    return rows;
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void csvWithQuotedFieldsLineBreaksAndSplitColumn() throws IOException {
    Path csv =
        write(
            dir.resolve("in/questions.csv"),
            "\uFEFFqid,question,coarse,part\n"
                + "q1,\"How far is it, really?\",NUM,train\n"
                + "q2,\"Who wrote \"\"Hamlet\"\"?\nA poet.\",HUM,Train\n"
                + "q3,Where is Paris?,HUM,test\n"
                + "q4,What is a nanometer?,DESC,dev\n"
                + "q5,When did it start?,NUM,testing\n");
    CliRun run =
        ingest(
            csv,
            "ingest.text-column=question",
            "ingest.label-column=coarse",
            "ingest.id-column=qid",
            "ingest.split-column=part");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(rows.keySet()).containsExactly("q1", "q2", "q3", "q4", "q5");
    assertThat(rows.get("q2").getString(rows.get("q2").fieldIndex("text")))
        .isEqualTo("Who wrote \"Hamlet\"?\nA poet.");
    assertThat(rows.get("q2").getString(rows.get("q2").fieldIndex("split"))).isEqualTo("train");
    assertThat(rows.get("q4").getString(rows.get("q4").fieldIndex("split"))).isEqualTo("train");
    assertThat(rows.get("q5").getString(rows.get("q5").fieldIndex("split"))).isEqualTo("test");
    assertThat(rows.get("q3").getString(rows.get("q3").fieldIndex("label"))).isEqualTo("HUM");
    assertThat(rows.get("q3").isNullAt(rows.get("q3").fieldIndex("rating"))).isTrue();
  }

  /**
   * One table, split by the hash of its ids with the default seeds: training's validation rows come
   * from the same ids and seed, so the two hold-outs must be independent, or the train split would
   * hold no validation row at all.
   */
  @Test
  void theTestSplitOfOneTableLeavesValidationRowsForTraining() throws IOException {
    StringBuilder csv = new StringBuilder("id,text,label\n");
    for (int i = 0; i < 2000; i++) {
      csv.append("r").append(i).append(",words ").append(i).append(',').append(i % 2).append('\n');
    }
    CliRun run = ingest(write(dir.resolve("in/one.csv"), csv.toString()), "ingest.id-column=id");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Dataset<Row> reviews = spark.read().parquet(out().toString());
    long test = reviews.filter(col("split").equalTo("test")).count();
    assertThat(test).isBetween(340L, 460L); // 0.2 of 2,000
    Dataset<Row> train = reviews.filter(col("split").equalTo("train"));
    long validation = train.filter(io.imdbrnn.train.Trainer.isValidation(0.2, 42)).count();
    assertThat(validation)
        .as("validation rows of %d train rows", train.count())
        .isBetween(250L, 390L); // 0.2 of the 1,600 or so
  }

  @Test
  void aCsvWithoutHeaderNamesItsColumnsAsSparkDoes() throws IOException {
    // As AG News, DBpedia and Yelp ship: no header, the class first, quoted fields.
    Path csv =
        write(
            dir.resolve("in/train.csv"),
            "\"3\",\"Wall St. Bears\",\"Short-sellers are seeing green again.\"\n"
                + "\"4\",\"New chip\",\"A faster, \"\"cooler\"\" processor.\"\n"
                + "\"3\",\"Oil\",\"Prices rise.\"\n");
    CliRun run = ingestHeaderless(csv, "_c2", "ingest.split-column=");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(rows.keySet()).containsExactly("train.csv:1", "train.csv:2", "train.csv:3");
    Row chip = rows.get("train.csv:2");
    assertThat(chip.getString(chip.fieldIndex("text")))
        .isEqualTo("A faster, \"cooler\" processor.");
    assertThat(chip.getString(chip.fieldIndex("label"))).isEqualTo("4");

    CliRun named = ingest(csv, "ingest.header=false", "ingest.overwrite=true");
    assertThat(named.exitCode()).isEqualTo(2);
    assertThat(named.err()).contains("no column 'text'").contains("_c0, _c1, _c2");
  }

  /**
   * A text in several columns (AG News' title and description): joined in the order named, a line
   * break between, a null or blank cell left out; in CSV, JSON Lines and Parquet alike, and a
   * Parquet text column that holds no strings is refused by name.
   */
  @Test
  void severalTextColumnsAreJoinedInTheirOrder() throws IOException {
    Path csv =
        write(
            dir.resolve("in/news.csv"),
            "\"3\",\"Wall St. Bears\",\"Short-sellers are seeing green.\"\n"
                + "\"4\",\"\",\"A faster processor.\"\n"
                + "\"3\",\"Oil\",\"Prices rise.\"\n");
    CliRun run = ingestHeaderless(csv, "_c1, _c2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(text(rows.get("news.csv:1")))
        .isEqualTo("Wall St. Bears\nShort-sellers are seeing green.");
    assertThat(text(rows.get("news.csv:2"))).isEqualTo("A faster processor.");

    Path jsonl =
        write(
            dir.resolve("in/posts.jsonl"),
            "{\"title\": \"Great\", \"body\": null, \"label\": \"a\"}\n"
                + "{\"title\": \"Bad\", \"body\": \"really\", \"label\": \"b\"}\n"
                + "{\"title\": \"Fine\", \"body\": \"ok\", \"label\": \"a\"}\n"
                + "{\"title\": \"Poor\", \"body\": \"meh\", \"label\": \"b\"}\n");
    CliRun json =
        ingest(
            jsonl,
            "ingest.text-column=body,title",
            "ingest.test-fraction=0.01",
            "ingest.overwrite=true");
    assertThat(json.exitCode()).as(json.err()).isZero();
    rows = written();
    assertThat(text(rows.get("posts.jsonl:1"))).isEqualTo("Great");
    assertThat(text(rows.get("posts.jsonl:2"))).isEqualTo("really\nBad");

    Path parquet = dir.resolve("in/table.parquet");
    spark
        .createDataFrame(
            List.of(
                RowFactory.create("Title one", "body one", "x", 1),
                RowFactory.create("Title two", null, "y", 2),
                RowFactory.create("Title three", "body three", "x", 3),
                RowFactory.create("Title four", "body four", "y", 4)),
            new StructType()
                .add("title", "string")
                .add("body", "string")
                .add("label", "string")
                .add("n", "int"))
        .write()
        .parquet(parquet.toString());
    CliRun table =
        ingest(
            parquet,
            "ingest.text-column=title,body",
            "ingest.test-fraction=0.01",
            "ingest.overwrite=true");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(written().values().stream().map(TableIngestTest::text))
        .contains("Title one\nbody one", "Title two");
    CliRun numbers = ingest(parquet, "ingest.text-column=title,n", "ingest.overwrite=true");
    assertThat(numbers.exitCode()).isEqualTo(2);
    assertThat(numbers.err()).contains("the text column 'n' holds int");
  }

  private static String text(Row r) {
    return r.getString(r.fieldIndex("text"));
  }

  @Test
  void twoInputsGiveTheSplitsAndRowsWithoutIdsAreNamedByFileAndRow() throws IOException {
    Path train =
        write(
            dir.resolve("in/train.tsv"),
            "label\ttext\n1\tgood fun\n2\tdull long\n1\tgreat cast\n10\tfine\n");
    Path test = write(dir.resolve("in/test.tsv"), "label\ttext\n2\tboring\n10\tok\n");
    CliRun run = ingest(train, "ingest.test-input=" + test);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(rows.keySet())
        .containsExactly(
            "test.tsv:1", "test.tsv:2", "train.tsv:1", "train.tsv:2", "train.tsv:3", "train.tsv:4");
    assertThat(rows.get("test.tsv:2").getString(rows.get("test.tsv:2").fieldIndex("split")))
        .isEqualTo("test");
    assertThat(rows.get("train.tsv:4").getString(rows.get("train.tsv:4").fieldIndex("label")))
        .isEqualTo("10");
  }

  /**
   * A TSV that does not quote (as Amazon's customer reviews): by default a stray opening quote
   * would swallow the rows after it into one text, up to the next quote that ends a quoting (a file
   * that ends inside the quote is refused whole, as in a CSV); that row is malformed naming
   * ingest.quote, and with ingest.quote=none every row is read as written, quotes and all.
   */
  @Test
  void aStrayQuoteInATsvNeverSwallowsTheRowsAfterIt() throws IOException {
    Path tsv =
        write(
            dir.resolve("in/reviews.tsv"),
            "label\ttext\n"
                + "1\t\"Best\" purchase ever\n"
                + "2\tThe 12\" screen is too small\n"
                + "1\t\"starts a quote and never ends it\n"
                + "2\tnext row\n"
                + "1\tthe end of \"it\"\n");
    CliRun strict = ingest(tsv);
    assertThat(strict.exitCode()).as(strict.err()).isEqualTo(2);
    assertThat(strict.err())
        .contains("reviews.tsv row 3")
        .contains("line 2 looks like a row of its own")
        .contains("ingest.quote=none");
    assertThat(out()).doesNotExist();

    CliRun plain = ingest(tsv, "ingest.quote=none", "ingest.test-fraction=0.01");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(rows).hasSize(5);
    Row third = rows.get("reviews.tsv:3");
    assertThat(third.getString(third.fieldIndex("text")))
        .isEqualTo("\"starts a quote and never ends it");
    Row first = rows.get("reviews.tsv:1");
    assertThat(first.getString(first.fieldIndex("text"))).isEqualTo("\"Best\" purchase ever");

    CliRun bad = ingest(tsv, "ingest.quote=\t", "ingest.overwrite=true");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("ingest.quote");
  }

  /**
   * In a CSV, a field with a comma on every line is an ordinary text, so a stray quote in the last
   * column swallowed the rows after it unnoticed: the file ends inside the quote, and is refused.
   */
  @Test
  void aCsvQuoteThatIsNeverClosedIsRefusedNamingTheLine() throws IOException {
    Path csv =
        write(
            dir.resolve("in/reviews.csv"),
            "label,text\n"
                + "1,\"Good, \"\"really\"\" good\"\n"
                + "2,\"Bad,\nreally bad\"\n"
                + "1,\"starts a quote and never ends it\n"
                + "2,last row, with a comma\n"
                + "1,and another\n");
    CliRun strict = ingest(csv);
    assertThat(strict.exitCode()).as(strict.err()).isEqualTo(2);
    assertThat(strict.err())
        .contains("reviews.csv")
        .contains("line 5 is never closed")
        .contains("ingest.quote=none");
    assertThat(out()).doesNotExist();

    CliRun dropping = ingest(csv, "ingest.mode=dropmalformed");
    assertThat(dropping.exitCode()).as(dropping.err()).isEqualTo(2);
    assertThat(out()).doesNotExist();
  }

  @Test
  void jsonLinesTakeStringsAndNumbersAsLabels() throws IOException {
    Path jsonl =
        write(
            dir.resolve("in/reviews.jsonl"),
            "{\"text\": \"loved it\", \"stars\": 5, \"fold\": \"train\"}\n\n"
                + "{\"text\": \"hated it\", \"stars\": 1, \"fold\": \"train\"}\n"
                + "{\"text\": \"so-so\", \"stars\": \"3\", \"fold\": \"train\"}\n"
                + "{\"text\": \"fine\", \"stars\": 3.0, \"fold\": \"train\"}\n"
                + "{\"text\": \"great\", \"stars\": 5E0, \"fold\": \"train\"}\n"
                + "{\"text\": \"halfway\", \"stars\": 2.50, \"fold\": \"train\"}\n");
    CliRun run = ingest(jsonl, "ingest.label-column=stars", "ingest.split-column=fold");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(rows.keySet())
        .containsExactly(
            "reviews.jsonl:1",
            "reviews.jsonl:3",
            "reviews.jsonl:4",
            "reviews.jsonl:5",
            "reviews.jsonl:6",
            "reviews.jsonl:7");
    List<String> labels = new ArrayList<>();
    rows.values().forEach(r -> labels.add(r.getString(r.fieldIndex("label"))));
    // A number is one label however it is written: 3.0 is the class of "3", 5E0 that of 5.
    assertThat(labels).containsExactly("5", "1", "3", "3", "5", "2.5");
  }

  @Test
  void theHashSplitIsStableAndCopiesOfATextShareIt() throws IOException {
    StringBuilder csv = new StringBuilder("text,label\n");
    for (int i = 0; i < 400; i++) {
      csv.append("text number ").append(i % 200).append(',').append(i % 3).append('\n');
    }
    Path in = write(dir.resolve("in/t.csv"), csv.toString());
    assertThat(ingest(in, "ingest.mode=dropmalformed").exitCode()).isZero();
    Map<String, String> first = splits();
    assertThat(
            ingest(in, "ingest.mode=dropmalformed", "ingest.overwrite=true", "ingest.partitions=7")
                .exitCode())
        .isZero();
    assertThat(splits()).isEqualTo(first);
    long test = first.values().stream().filter("test"::equals).count();
    assertThat(test).isBetween(40L, 130L);
    for (Row r : ReviewsDataset.read(spark, out().toString()).collectAsList()) {
      String text = r.getString(r.fieldIndex("text"));
      // Copies of a text (ids n and n + 200) fall on the same side.
      assertThat(r.getString(r.fieldIndex("split")))
          .isEqualTo(
              ReviewsDataset.read(spark, out().toString())
                  .filter(org.apache.spark.sql.functions.col("text").equalTo(text))
                  .select("split")
                  .distinct()
                  .collectAsList()
                  .get(0)
                  .getString(0));
      break;
    }
  }

  private Map<String, String> splits() {
    Map<String, String> out = new TreeMap<>();
    written().forEach((id, r) -> out.put(id, r.getString(r.fieldIndex("split"))));
    return out;
  }

  @Test
  void parquetTablesKeepTheirTypesAndNameRowsByFileAndIndex() {
    StructType schema =
        new StructType()
            .add("body", DataTypes.StringType)
            .add("stars", DataTypes.IntegerType)
            .add("fold", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create("great", 5, "train"),
            RowFactory.create("awful", 1, "train"),
            RowFactory.create("fine", 3, "train"),
            RowFactory.create("meh", 3, "test"));
    String in = dir.resolve("in/table.parquet").toString();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(in);
    CliRun run =
        ingest(
            Path.of(in),
            "ingest.text-column=body",
            "ingest.label-column=stars",
            "ingest.split-column=fold");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> written = written();
    assertThat(written).hasSize(4);
    assertThat(written.keySet()).allMatch(id -> id.matches("part-.*\\.parquet:[1-4]"));
    assertThat(written.values().stream().map(r -> r.getString(r.fieldIndex("label"))).sorted())
        .containsExactly("1", "3", "3", "5");
  }

  @Test
  void aFolderPerClassWithAndWithoutSplitFolders() throws IOException {
    for (int i = 0; i < 6; i++) {
      write(dir.resolve("flat/sports/s" + i + ".txt"), "a goal in match " + i);
      write(dir.resolve("flat/tech/t" + i + ".txt"), "a faster chip " + i);
    }
    write(dir.resolve("flat/tech/notes.md"), "not a text");
    write(dir.resolve("flat/.hidden/d.txt"), "never read");
    CliRun flatRun = ingest(dir.resolve("flat"), "ingest.test-fraction=0.3");
    assertThat(flatRun.exitCode()).as(flatRun.err()).isZero();
    Map<String, Row> flat = written();
    assertThat(flat).hasSize(12).containsKey("sports/s0").containsKey("tech/t5");
    assertThat(flat.get("tech/t5").getString(flat.get("tech/t5").fieldIndex("label")))
        .isEqualTo("tech");

    write(dir.resolve("split/train/sports/a.txt"), "a goal in the match");
    write(dir.resolve("split/train/tech/b.txt"), "a faster chip");
    write(dir.resolve("split/test/tech/c.txt"), "new software");
    CliRun splitRun = ingest(dir.resolve("split"), "ingest.overwrite=true");
    assertThat(splitRun.exitCode()).as(splitRun.err()).isZero();
    Map<String, Row> split = written();
    assertThat(split.keySet()).containsExactly("test/tech/c", "train/sports/a", "train/tech/b");
    assertThat(split.get("test/tech/c").getString(split.get("test/tech/c").fieldIndex("split")))
        .isEqualTo("test");
  }

  /**
   * 20 Newsgroups' layout: numbered files without an extension, the training and test trees as two
   * inputs. Refused (named) as .txt folders, read with an empty ingest.file-extension; hidden files
   * stay unread.
   */
  @Test
  void foldersOfFilesWithoutAnExtension() throws IOException {
    for (int i = 0; i < 4; i++) {
      write(dir.resolve("news-train/sci.space/" + (51000 + i)), "orbit launch shuttle " + i);
      write(dir.resolve("news-train/rec.autos/" + (52000 + i)), "engine wheels sedan " + i);
    }
    write(dir.resolve("news-train/rec.autos/.DS_Store"), "\0\0binary");
    write(dir.resolve("news-test/sci.space/60001"), "a moon landing");
    write(dir.resolve("news-test/rec.autos/60002"), "a new coupe");
    String testInput = "ingest.test-input=" + dir.resolve("news-test");
    refused(
        dir.resolve("news-train"),
        List.of(testInput, "ingest.format=folders"),
        "holds no .txt files",
        "ingest.file-extension");
    CliRun run =
        ingest(
            dir.resolve("news-train"),
            testInput,
            "ingest.format=folders",
            "ingest.file-extension=");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Row> rows = written();
    assertThat(rows).hasSize(10).containsKey("sci.space/51000").containsKey("rec.autos/60002");
    Row test = rows.get("rec.autos/60002");
    assertThat(test.getString(test.fieldIndex("split"))).isEqualTo("test");
    assertThat(test.getString(test.fieldIndex("label"))).isEqualTo("rec.autos");
  }

  /** Bad input: exit 2, the file, row and column named, nothing written. */
  private void refused(Path input, List<String> settings, String... named) throws IOException {
    Map<String, String> before = FileTree.snapshot(dir);
    CliRun run = ingest(input, settings.toArray(new String[0]));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    for (String n : named) {
      assertThat(run.err()).contains(n);
    }
    assertThat(out()).doesNotExist();
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void aMissingColumnIsNamedWithTheColumnsFound() throws IOException {
    Path csv = write(dir.resolve("in/a.csv"), "sentence,label\nhello,x\nbye,y\n");
    refused(csv, List.of(), "a.csv", "no column 'text'", "sentence", "ingest.text-column");
  }

  @Test
  void aColumnToReadThatTheHeaderNamesTwiceIsRefused() throws IOException {
    Path csv = write(dir.resolve("in/a.csv"), "text,label,text\nhello,x,hi\nbye,y,ciao\n");
    refused(csv, List.of(), "a.csv", "names column 'text' more than once", "ingest.header=false");
    // A repeated column that is not read is no ambiguity.
    Path other = write(dir.resolve("in/b.csv"), "note,text,label,note\nn,hello,x,m\nn,bye,y,m\n");
    CliRun run = ingest(other, "ingest.test-fraction=0.01");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void aLineBreakOrTabInsideALabelIsMalformed() throws IOException {
    Path csv =
        write(
            dir.resolve("in/a.csv"),
            "text,label\nhello,x\nbye,\"y\nz\"\nagain,\" y \"\nmore,\"x\ty\"\n");
    refused(csv, List.of(), "a.csv row 2", "column 'label' holds a control character (U+000A)");
    Path jsonl = write(dir.resolve("in/a.jsonl"), "{\"text\":\"a\",\"label\":\"p\\tq\"}\n");
    refused(jsonl, List.of(), "a.jsonl line 1", "(U+0009)");
  }

  @Test
  void anEmptyLabelNamesItsRow() throws IOException {
    Path csv = write(dir.resolve("in/a.csv"), "text,label\nhello,x\nbye,\nagain,y\n");
    refused(csv, List.of(), "a.csv row 2", "column 'label' is empty", "dropmalformed");
  }

  @Test
  void bytesThatAreNotUtf8AreMalformed() throws IOException {
    Path csv = dir.resolve("in/a.csv");
    Files.createDirectories(csv.getParent());
    byte[] head = "text,label\nfine,x\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'c', 'a', 'f', (byte) 0xE9, ',', 'y', '\n', 'o', 'k', ',', 'y', '\n'};
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    Files.write(csv, all);
    refused(csv, List.of(), "a.csv row 2", "not valid UTF-8", "ingest.encoding");
  }

  /** {@code text} written in {@code charset} to {@code relative} under the test directory. */
  private Path encoded(String relative, String text, java.nio.charset.Charset charset)
      throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, text.getBytes(charset));
  }

  @Test
  void tablesAndFoldersAreReadInTheCharacterSetNamed() throws IOException {
    // A latin-1 CSV (as many older public sets ship), refused as UTF-8, read as ISO-8859-1.
    Path csv =
        encoded(
            "in/latin1.csv",
            "text,label,split\nCaf\u00e9 cr\u00e8me,a,train\nna\u00efve,b,train\n"
                + "d\u00e9j\u00e0 vu,a,test\nse\u00f1or,b,test\n",
            StandardCharsets.ISO_8859_1);
    refused(csv, List.of("ingest.split-column=split"), "latin1.csv row 1", "not valid UTF-8");
    CliRun latin1 = ingest(csv, "ingest.split-column=split", "ingest.encoding=latin1");
    assertThat(latin1.exitCode()).as(latin1.err()).isZero();
    assertThat(written().values().stream().map(r -> r.getString(r.fieldIndex("text"))))
        .containsExactlyInAnyOrder(
            "Caf\u00e9 cr\u00e8me", "na\u00efve", "d\u00e9j\u00e0 vu", "se\u00f1or");

    // Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated, CRLF.
    Path tsv =
        encoded(
            "in2/excel.tsv",
            "text\tlabel\tsplit\r\n\u201cGreat\u201d film\tpos\ttrain\r\nDull\tneg\ttrain\r\n"
                + "Fine\tpos\ttest\r\nBad\tneg\ttest\r\n",
            StandardCharsets.UTF_16);
    java.nio.file.Files.walk(out().getParent())
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    CliRun utf16 = ingest(tsv, "ingest.split-column=split", "ingest.encoding=UTF-16");
    assertThat(utf16.exitCode()).as(utf16.err()).isZero();
    assertThat(written().values().stream().map(r -> r.getString(r.fieldIndex("label"))))
        .containsExactlyInAnyOrder("pos", "neg", "pos", "neg");
    assertThat(written().values().stream().map(r -> r.getString(r.fieldIndex("text"))))
        .contains("\u201cGreat\u201d film");

    // A folder per class whose files are windows-1252 (curly quotes are bytes 0x93 and 0x94).
    Path tree = dir.resolve("in3");
    for (String[] f :
        new String[][] {
          {"train/good/1.txt", "\u201cLoved it\u201d"},
          {"train/bad/2.txt", "Not \u201cgood\u201d"},
          {"test/good/3.txt", "Fine"},
          {"test/bad/4.txt", "Awful"}
        }) {
      Path file = tree.resolve(f[0]);
      Files.createDirectories(file.getParent());
      Files.write(file, f[1].getBytes(java.nio.charset.Charset.forName("windows-1252")));
    }
    java.nio.file.Files.walk(out().getParent())
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    refused(tree, List.of(), "in3/train/", "not valid UTF-8", "2 malformed");
    CliRun cp1252 = ingest(tree, "ingest.encoding=windows-1252");
    assertThat(cp1252.exitCode()).as(cp1252.err()).isZero();
    assertThat(written().values().stream().map(r -> r.getString(r.fieldIndex("text"))))
        .contains("\u201cLoved it\u201d", "Not \u201cgood\u201d");
  }

  @Test
  void anUnknownCharacterSetIsRefusedByName() throws IOException {
    Path csv = write(dir.resolve("in/a.csv"), "text,label\nhello,x\nbye,y\n");
    refused(csv, List.of("ingest.encoding=klingon-8"), "ingest.encoding", "klingon-8", "UTF-8");
  }

  @Test
  void oneClassOnlyIsRefused() throws IOException {
    Path csv = write(dir.resolve("in/a.csv"), "text,label\nhello,x\nbye,x\n");
    refused(csv, List.of(), "one class only", "ingest.label-column");
  }

  @Test
  void aClassSeenOnlyInTheTestSplitIsRefusedOrDropped() throws IOException {
    Path csv =
        write(
            dir.resolve("in/a.csv"),
            "text,label,split\nhello,x,train\nbye,y,train\nwhat,z,test\nhi,x,test\n");
    refused(
        csv,
        List.of("ingest.split-column=split"),
        "'z'",
        "never occurs in the train split",
        "a.csv row 3");
    CliRun run = ingest(csv, "ingest.split-column=split", "ingest.mode=dropmalformed");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(written()).containsOnlyKeys("a.csv:1", "a.csv:2", "a.csv:4");
    List<Row> rejected =
        spark.read().parquet(out() + "/" + ReviewsDataset.REJECTED_DIR).collectAsList();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getString(0)).contains("a.csv row 3");
    assertThat(rejected.get(0).getString(1)).contains("'z' does not occur in the train split");
  }

  @Test
  void aSplitValueOtherThanTrainOrTestAndRepeatedIdsAreMalformed() throws IOException {
    Path csv = write(dir.resolve("in/a.csv"), "id,text,label,split\n1,a,x,train\n2,b,y,holdout\n");
    refused(
        csv,
        List.of("ingest.split-column=split", "ingest.id-column=id"),
        "a.csv row 2",
        "split 'holdout'");
    Path dup = write(dir.resolve("in/b.csv"), "id,text,label\n7,a,x\n7,b,y\n8,c,y\n");
    refused(dup, List.of("ingest.id-column=id"), "duplicate", "7");
  }

  @Test
  void anUnbalancedQuoteOrMalformedJsonIsNamed() throws IOException {
    Path jsonl =
        write(dir.resolve("in/a.jsonl"), "{\"text\":\"a\",\"label\":\"x\"}\n{\"text\": oops}\n");
    refused(jsonl, List.of(), "a.jsonl line 2", "not valid JSON");
    Path nested = write(dir.resolve("in/b.jsonl"), "{\"text\":\"a\",\"label\":[\"x\"]}\n");
    refused(nested, List.of(), "b.jsonl line 1", "field 'label' is array");
  }

  @Test
  void theFormatIsRequiredWhenTheNameDoesNotTellIt() throws IOException {
    Path data = write(dir.resolve("in/data.txt"), "text,label\na,x\nb,y\n");
    refused(data, List.of(), "Cannot tell the format", "ingest.format");
    CliRun run = ingest(data, "ingest.format=csv", "ingest.test-fraction=0.01");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }
}
