package io.imdbrnn.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReviewParserTest {
  private final ReviewParser parser = new ReviewParser(1000, "UTF-8");

  private ParseOutcome parse(String layoutPath, byte[] content) {
    return parser.parse(file(layoutPath, content));
  }

  private static RawFile file(String layoutPath, byte[] content) {
    return new RawFile("src/" + layoutPath, layoutPath, content, null);
  }

  private ParseOutcome parse(String layoutPath, String text) {
    return parse(layoutPath, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void validReviewKeepsTextAndTakesLabelAndRatingFromThePath() {
    ParseOutcome out = parse("train/pos/12_9.txt", "Great film.<br />Loved it.");
    assertThat(out.isRejected()).isFalse();
    assertThat(out.review())
        .isEqualTo(new Review("train/pos/12_9", "train", "pos", 9, "Great film.<br />Loved it."));
    assertThat(parse("test/neg/3_1.txt", "Dull.").review().label()).isEqualTo("neg");
  }

  @Test
  void fileNameWithoutRatingIsRejected() {
    ParseOutcome out = parse("train/pos/12.txt", "fine");
    assertThat(out.error()).isEqualTo("file name '12.txt' does not match <id>_<rating>.txt");
    assertThat(out.source()).isEqualTo("src/train/pos/12.txt");
    assertThat(parse("train/pos/12_9.text", "fine").error())
        .contains("does not match <id>_<rating>.txt");
  }

  @Test
  void ratingMustFitItsFolder() {
    assertThat(parse("train/pos/1_3.txt", "x").error())
        .isEqualTo("rating 3 does not fit the pos folder (pos reviews are rated 7-10)");
    assertThat(parse("train/neg/1_8.txt", "x").error())
        .isEqualTo("rating 8 does not fit the neg folder (neg reviews are rated 1-4)");
    assertThat(parse("train/neg/1_5.txt", "x").isRejected()).isTrue();
    assertThat(parse("train/pos/1_0.txt", "x").isRejected()).isTrue();
    assertThat(parse("train/neg/1_4.txt", "x").isRejected()).isFalse();
    assertThat(parse("train/pos/1_10.txt", "x").isRejected()).isFalse();
  }

  @Test
  void latin1BytesAreNotUtf8() {
    byte[] latin1 = "Caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(parse("train/pos/1_8.txt", latin1).error())
        .isEqualTo(
            "not valid UTF-8 (bad byte sequence at offset 3); ingest.encoding names the input's"
                + " character set");
    ReviewParser latin1Parser = new ReviewParser(1000, "ISO-8859-1");
    assertThat(latin1Parser.parse(file("train/pos/1_8.txt", latin1)).review().text())
        .isEqualTo("Caf\u00e9 cr\u00e8me");
  }

  @Test
  void utf16FilesAreReadWhenNamedAndTheirNulBytesAreNotBinary() {
    ReviewParser utf16 = new ReviewParser(1000, "UTF-16");
    byte[] bytes = "Good film.".getBytes(StandardCharsets.UTF_16);
    assertThat(parse("train/pos/1_8.txt", bytes).isRejected()).isTrue();
    assertThat(utf16.parse(file("train/pos/1_8.txt", bytes)).review().text())
        .isEqualTo("Good film.");
    byte[] nul = "Good\0film".getBytes(StandardCharsets.UTF_16);
    assertThat(utf16.parse(file("train/pos/1_8.txt", nul)).error())
        .isEqualTo("binary content (NUL character at position 4)");
  }

  @Test
  void emptyAndWhitespaceOnlyReviewsAreRejected() {
    assertThat(parse("train/pos/1_8.txt", "").error()).isEqualTo("empty or only whitespace");
    assertThat(parse("train/pos/1_8.txt", " \n\t \r\n").error())
        .isEqualTo("empty or only whitespace");
    assertThat(parse("train/pos/1_8.txt", "\uFEFF  ").error())
        .isEqualTo("empty or only whitespace");
  }

  @Test
  void binaryContentIsRejected() {
    byte[] withNul = {'a', 'b', 0, 'c'};
    assertThat(parse("train/pos/1_8.txt", withNul).error())
        .isEqualTo("binary content (NUL byte at offset 2)");
    assertThat(parse("train/pos/1_8.txt", "ab\u0001\u0002\u0003\u0004\u0005cd").error())
        .startsWith("binary content (5 control characters");
  }

  @Test
  void oversizedReviewIsRejectedWithTheLimitNamed() {
    assertThat(parse("train/pos/1_8.txt", "x".repeat(1001)).error())
        .isEqualTo("text is 1001 bytes, over the limit of 1000 bytes (ingest.max-review-bytes)");
    assertThat(parse("train/pos/1_8.txt", "x".repeat(1000)).isRejected()).isFalse();
  }

  @Test
  void byteOrderMarkIsDropped() {
    assertThat(parse("train/pos/1_8.txt", "\uFEFFGood.").review().text()).isEqualTo("Good.");
  }

  @Test
  void problemFromTheSourceIsPassedOn() {
    ParseOutcome out =
        parser.parse(RawFile.rejected("a.tgz!/etc/x", null, "unsafe archive entry: absolute path"));
    assertThat(out.error()).isEqualTo("unsafe archive entry: absolute path");
  }
}
