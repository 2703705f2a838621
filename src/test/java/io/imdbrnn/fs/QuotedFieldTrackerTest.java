package io.imdbrnn.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whether delimited text ends inside a quoted field, by the rules Spark's and univocity's readers
 * follow (checked against them by PredictTableInputTest and TableIngestTest).
 */
class QuotedFieldTrackerTest {
  private static long unclosed(String text, char delimiter) throws IOException {
    return new QuotedFieldTracker(new StringReader(text), delimiter, '"').readToEnd();
  }

  static Stream<Arguments> closed() {
    return Stream.of(
        Arguments.of("no quotes at all", "a,b\nc,d\n"),
        Arguments.of("a quoted field with a line break", "a,\"b\nc\"\nd,e\n"),
        Arguments.of("doubled quotes inside a quoted field", "a,\"say \"\"hi\"\"\"\n"),
        Arguments.of("a quote inside an unquoted field", "a,12\" screen\nb,c\n"),
        Arguments.of("a quote after a space is no opening quote", " \"a,b\n"),
        Arguments.of("an unescaped quote that ends the quoting", "\"a\"b\",c\nd\n"),
        Arguments.of("a quoted field at the very end", "a,\"b\""),
        Arguments.of("an empty quoted field", "a,\"\"\n"),
        Arguments.of("a header only", "id,text"),
        Arguments.of("nothing", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closed")
  void textsThatCloseTheirQuotes(String what, String text) throws IOException {
    assertThat(unclosed(text, ',')).as(what).isZero();
  }

  static Stream<Arguments> unclosed() {
    return Stream.of(
        Arguments.of("a stray quote in the last field", 2, "id,text\na,\"Great film\nb,Awful\n"),
        Arguments.of("a stray quote in the first field", 3, "t\nx\n\"a,b\nc,d\n"),
        Arguments.of("a doubled quote that never closes", 1, "a,\"b\"\"\n"),
        Arguments.of("a quote as the last character", 2, "a\nb,\""),
        Arguments.of("lines of CR LF counted once", 3, "a\r\nb\r\n\"c\r\nd\r\n"),
        Arguments.of("lines of a lone CR", 3, "a\rb\r\"c\rd\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unclosed")
  void aTextThatEndsInsideAQuoteNamesTheLineWhereItOpened(String what, int line, String text)
      throws IOException {
    assertThat(unclosed(text, ',')).as(what).isEqualTo(line);
  }

  @Test
  void theDelimiterDecidesWhereAFieldStarts() throws IOException {
    String text = "a\t\"b\nc\td\n";
    assertThat(unclosed(text, '\t')).isEqualTo(1);
    // With commas as the delimiter the quote is inside a field: read as written.
    assertThat(unclosed(text, ',')).isZero();
    // Quoting turned off (ingest.quote=none).
    assertThat(new QuotedFieldTracker(new StringReader(text), '\t', '\0').readToEnd()).isZero();
  }

  @Test
  void nothingIsReportedBeforeTheEndIsRead() throws IOException {
    QuotedFieldTracker quotes =
        new QuotedFieldTracker(new StringReader("a,\"open\nb,c\n"), ',', '"');
    char[] some = new char[4];
    assertThat(quotes.read(some, 0, some.length)).isEqualTo(4);
    assertThat(quotes.unclosedQuoteLine()).isZero();
    // Characters read one at a time and skipped are followed too.
    assertThat((char) quotes.read()).isEqualTo('p');
    assertThat(quotes.skip(3)).isEqualTo(3);
    assertThat(quotes.readToEnd()).isEqualTo(1);
    assertThat(quotes.read()).isEqualTo(-1);
  }
}
