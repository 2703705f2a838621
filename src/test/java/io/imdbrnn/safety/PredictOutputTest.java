package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdbrnn.predict.DatasetPredictor;
import io.imdbrnn.predict.Prediction;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.TinyBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids are data: file names with tabs, newlines, quotes and backslashes come out of {@code predict}
 * as parseable TSV and JSON lines, one record per review. Text without any word gets its own
 * status, locally and on Spark.
 */
class PredictOutputTest extends SparkTestBase {
  private static final List<String> NAMES =
      List.of("plain.txt", "tab\there.txt", "new\nline.txt", "quote\"d.txt", "back\\slash.txt");

  @TempDir Path dir;
  private Path bundle;
  private Path reviews;

  @BeforeEach
  void setUp() throws IOException {
    bundle = TinyBundle.write(dir.resolve("bundle"));
    reviews = Files.createDirectories(dir.resolve("reviews"));
    for (String name : NAMES) {
      Files.writeString(reviews.resolve(name), "A great film, awful ending.");
    }
  }

  @Test
  void tsvHasOneLinePerReviewWhateverTheNames() {
    CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--input", reviews.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    // As cut, awk or Hive read it: a record is a line, a field is what lies between tabs.
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("id\tstatus\tprobability\tlabel\tclass");
    assertThat(lines).hasSize(NAMES.size() + 1);
    Map<String, String> statusById = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t", -1);
      assertThat(fields).as(line).hasSize(5);
      assertThat(fields[0]).as("no CSV-style quoting").doesNotStartWith("\"");
      statusById.put(unescape(fields[0]), fields[1]);
      double p = Double.parseDouble(fields[2]);
      assertThat(fields[3]).isEqualTo(p >= 0.5 ? "1" : "0");
      // The class as the training data named it: IMDB's neg and pos.
      assertThat(fields[4]).isEqualTo(p >= 0.5 ? "pos" : "neg");
    }
    assertThat(statusById.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(statusById.values()).containsOnly(Prediction.OK);
  }

  /** The reader's side of the escapes: {@code \\t}, {@code \\n}, {@code \\r}, {@code \\\\}. */
  private static String unescape(String field) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char next = field.charAt(++i);
      b.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
    }
    return b.toString();
  }

  @Test
  void jsonLinesAreValidJsonOnePerReview() throws IOException {
    CliRun run =
        CliRun.of(
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            reviews.toString(),
            "--output-format",
            "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(NAMES.size());
    ObjectMapper json = new ObjectMapper();
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = json.readTree(line);
      ids.add(node.get("id").asText());
      assertThat(node.get("probability").isNumber()).isTrue();
      assertThat(node.get("class").asText())
          .isEqualTo(node.get("label").asInt() == 1 ? "pos" : "neg");
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(NAMES);
  }

  @Test
  void textWithoutWordsIsNotScoredLocallyOrOnSpark() throws IOException {
    CliRun local =
        CliRun.of(
            "predict",
            "--model",
            bundle.toString(),
            "--text",
            "\uD83D\uDE00\uD83C\uDF7F !!!",
            "--text",
            "   ",
            "--text",
            "great",
            "--output-format",
            "json");
    assertThat(local.exitCode()).as(local.err()).isZero();
    List<String> statuses = new ArrayList<>();
    for (String line : local.out().lines().toList()) {
      statuses.add(new ObjectMapper().readTree(line).get("status").asText());
    }
    assertThat(statuses).containsExactly(Prediction.NO_WORDS, Prediction.EMPTY, Prediction.OK);

    String parquet = dir.resolve("texts").toString();
    spark
        .createDataset(
            List.of("\uD83D\uDE00\uD83D\uDE00", "<br />?!", "great film"), Encoders.STRING())
        .toDF("text")
        .write()
        .parquet(parquet);
    String out = dir.resolve("scored").toString();
    CliRun dataset =
        CliRun.of("predict", "--model", bundle.toString(), "--input", parquet, "--output", out);
    assertThat(dataset.exitCode()).as(dataset.err()).isZero();
    Map<String, String> byText = new TreeMap<>();
    for (Row r : spark.read().parquet(out).collectAsList()) {
      byText.put(r.getAs("text"), r.getAs(DatasetPredictor.STATUS));
    }
    assertThat(byText)
        .containsEntry("\uD83D\uDE00\uD83D\uDE00", Prediction.NO_WORDS)
        .containsEntry("<br />?!", Prediction.NO_WORDS)
        .containsEntry("great film", Prediction.OK);
    for (Row r : spark.read().parquet(out).collectAsList()) {
      Integer label = r.getAs(DatasetPredictor.PREDICTED_LABEL);
      String name = r.getAs(DatasetPredictor.PREDICTED_CLASS);
      assertThat(name).isEqualTo(label == null ? null : label == 1 ? "pos" : "neg");
    }

    // An input column of a name predict writes is refused by name, before any work.
    String clashing = dir.resolve("clashing").toString();
    spark
        .createDataset(List.of("great film"), Encoders.STRING())
        .toDF("text")
        .withColumn("Probability", org.apache.spark.sql.functions.lit(0.3))
        .write()
        .parquet(clashing);
    CliRun refused =
        CliRun.of(
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            clashing,
            "--output",
            dir.resolve("clash-out").toString());
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("has a column Probability, a name predict writes");
    assertThat(dir.resolve("clash-out")).doesNotExist();
  }
}
