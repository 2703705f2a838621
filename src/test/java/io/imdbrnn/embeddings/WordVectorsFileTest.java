package io.imdbrnn.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Word-vector files as GloVe, word2vec and fastText write them, and as nobody should. */
class WordVectorsFileTest {
  private static final Map<String, Integer> WANTED =
      Map.of("the", 3, "film", 4, "paris", 5, "new york", 6, "absent", 7);

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static WordVectors read(Path file, int dimension) {
    return WordVectorsFile.read(
        new Configuration(), file.toString(), WANTED, dimension, "train.word-vectors");
  }

  @Test
  void gloveLinesGiveTheWantedWordsOnly() throws IOException {
    Path file =
        write(
            "glove.txt",
            "the 0.1 -0.2 0.3\n"
                + "of 1 2 3\n"
                + "Paris 0.5 0.5 0.5\r\n"
                + "film -1.5e-1 .25 +2\n"
                + "the 9 9 9\n"
                + "new york 0.7 0.8 0.9\n");
    WordVectors v = read(file, 3);
    assertThat(v.dimension()).isEqualTo(3);
    assertThat(v.vectors()).isEqualTo(6);
    assertThat(v.byId()).containsOnlyKeys(3, 4, 5, 6);
    // The first of a repeated word, a spelling that lower-cases to the word, a word with a space.
    assertThat(v.byId().get(3)).containsExactly(0.1f, -0.2f, 0.3f);
    assertThat(v.byId().get(4)).containsExactly(-0.15f, 0.25f, 2f);
    assertThat(v.byId().get(5)).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(v.byId().get(6)).containsExactly(0.7f, 0.8f, 0.9f);
    assertThat(v.summary()).contains("4 of 5 vocabulary words found");
  }

  /**
   * Listing words learns the width from the file, lower-cases, keeps the first of each, and stops
   * at the limit: a broken line after it is never read. Before it, the line is refused by number.
   */
  @Test
  void wordsAreListedInTheFilesOrderUntilTheLimit() throws IOException {
    Path file = write("list.txt", "3 2\nThe 1 2\nfilm 3 4\nthe 5 6\nparis 7 8\nbroken 9\n");
    assertThat(words(file, w -> true, 3)).containsExactly("the", "film", "paris");
    assertThat(words(file, w -> !w.equals("film"), 2)).containsExactly("the", "paris");
    assertThatThrownBy(() -> words(file, w -> true, 4))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("list.txt (prepare.word-vectors), line 6, has 2 fields")
        .hasMessageContaining("a word and 2 numbers");
    Path headless = write("headless.txt", "a 1 2 3\nb 4 5\n");
    assertThatThrownBy(() -> words(headless, w -> true, 5))
        .hasMessageContaining("line 2, has 3 fields where a word and 3 numbers");
  }

  private static java.util.List<String> words(
      Path file, java.util.function.Predicate<String> take, int limit) {
    return WordVectorsFile.words(
        new Configuration(), file.toString(), "prepare.word-vectors", take, limit);
  }

  @Test
  void anExactSpellingWinsOverOneThatLowerCasesToIt() throws IOException {
    WordVectors v = read(write("cased.txt", "Film 1 1\nfilm 2 2\nFILM 3 3\n"), 2);
    assertThat(v.byId().get(4)).containsExactly(2f, 2f);
  }

  @Test
  void aWord2VecHeaderIsReadAndItsWidthChecked() throws IOException {
    assertThat(read(write("w2v.txt", "2 2\nthe 1 2\nfilm 3 4\n"), 2).found()).isEqualTo(2);
    assertThatThrownBy(() -> read(write("w2v-300.txt", "2 300\nthe 1 2\n"), 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("w2v-300.txt")
        .hasMessageContaining("line 1")
        .hasMessageContaining("300 numbers")
        .hasMessageContaining("train.embedding-size is 2");
  }

  @Test
  void vectorsOfAnotherWidthAreRefusedAtTheirFirstLine() {
    assertThatThrownBy(() -> read(write("wide.txt", "the 1 2 3 4\nfilm 1 2 3 4\n"), 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("wide.txt (train.word-vectors), line 1, has 5 fields")
        .hasMessageContaining("a word and 2 numbers");
    assertThatThrownBy(() -> read(write("short.txt", "the 1 2\nfilm 1\n"), 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("short.txt (train.word-vectors), line 2, has 2 fields");
  }

  @Test
  void aBadNumberInAWantedVectorIsRefusedByLine() throws IOException {
    for (String bad : new String[] {"1.2.3", "NaN", "Infinity", "1e99", "0x1p3", "2f", "5000"}) {
      Path file = write("bad.txt", "of 1 1\nthe 1 " + bad + "\n");
      assertThatThrownBy(() -> read(file, 2))
          .as(bad)
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("bad.txt (train.word-vectors), line 2")
          .hasMessageContaining("number 2");
    }
  }

  @Test
  void compressedFilesAreReadAndTheDigestCoversTheirBytes() throws Exception {
    Path gz = dir.resolve("vectors.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("the 1 2\nfilm 3 4\n".getBytes(StandardCharsets.UTF_8));
    }
    WordVectors v = read(gz, 2);
    assertThat(v.byId().get(4)).containsExactly(3f, 4f);
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(gz)));
    assertThat(v.digest()).isEqualTo("sha256:" + sha);
  }

  @Test
  void filesThatAreNotWordVectorsAreRefused() throws IOException {
    assertThatThrownBy(() -> read(write("empty.txt", "\n\n"), 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("empty.txt (train.word-vectors) holds no vectors");
    assertThatThrownBy(() -> read(write("other.txt", "le 1 2\nfilm_fr 1 2\n"), 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("has none of the 5 vocabulary words among its 2 vectors");
    Path binary = dir.resolve("binary.bin");
    Files.write(binary, new byte[] {'t', 'h', 'e', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> read(binary, 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("binary.bin (train.word-vectors) is not UTF-8 text");
    Path longLine = write("long.txt", "the " + "1 ".repeat(WordVectorsFile.MAX_LINE_CHARS));
    assertThatThrownBy(() -> read(longLine, 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("long.txt has a line longer than");
    assertThatThrownBy(() -> read(dir.resolve("missing.txt"), 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("missing.txt (train.word-vectors) is not a file");
    assertThatThrownBy(() -> read(dir, 2))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not a file");
  }

  @Test
  void foundCountsVocabularyWordsNotTheReservedIds() {
    float[] v = {1, 2};
    WordVectors vectors =
        new WordVectors("s", "sha256:0", 2, java.util.Map.of(0, v, 2, v, 3, v, 7, v), 5, 10);
    assertThat(vectors.found()).isEqualTo(2);
    assertThat(vectors.summary()).startsWith("2 of 5 vocabulary words found (40.0 %)");
  }
}
