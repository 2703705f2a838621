package io.imdbrnn.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes to text in a named character set, refusing bytes that are not valid in it (never replacing
 * them, which would train or score on text nobody wrote): the one decoder of texts read from files,
 * by ingest and by predict.
 */
public final class StrictDecoding {
  private StrictDecoding() {}

  /**
   * @throws CharacterCodingException whose message names the character set and the offset of the
   *     first bad byte
   */
  public static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      throw new CharacterCodingException() {
        @Override
        public String getMessage() {
          return "not valid " + charset.name() + " (bad byte sequence at offset " + offset + ")";
        }
      };
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  /**
   * Whether most characters take several bytes, some of them NUL (UTF-16, UTF-32): a NUL byte or a
   * newline byte says nothing about the text there.
   */
  public static boolean wide(Charset charset) {
    String name = charset.name();
    return name.startsWith("UTF-16") || name.startsWith("UTF-32");
  }

  /**
   * Whether a line ends at every newline byte: true for UTF-8 and the ASCII-compatible sets
   * (ISO-8859-*, windows-125*, GB18030, Shift_JIS, Big5, EUC-*), whose multi-byte characters never
   * hold the byte 0x0A; false for UTF-16, UTF-32 and EBCDIC.
   */
  public static boolean newlineIsOneByte(Charset charset) {
    return !wide(charset) && Arrays.equals("\n".getBytes(charset), new byte[] {'\n'});
  }

  public static boolean isUtf8(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8);
  }
}
