package io.imdbrnn.model;

import io.imdbrnn.errors.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Checks the header of an ND4J array file ({@code coefficients.bin}, {@code updaterState.bin})
 * against the bytes that follow it, before ND4J reads it: ND4J allocates as many values as the
 * header declares, so a small file declaring 2^40 values would exhaust memory. The layout, as ND4J
 * 1.0.0-M2 writes it: the shape buffer and then the data buffer, each as allocation mode (UTF),
 * length (long), data type (UTF) and the values.
 */
final class ArrayHeader {
  /** Enough for both buffer headers and a shape of rank 32. */
  static final int MAX_BYTES = 1024;

  private static final Map<String, Integer> BYTES_PER_VALUE =
      Map.ofEntries(
          Map.entry("DOUBLE", 8),
          Map.entry("LONG", 8),
          Map.entry("UINT64", 8),
          Map.entry("FLOAT", 4),
          Map.entry("INT", 4),
          Map.entry("UINT32", 4),
          Map.entry("HALF", 2),
          Map.entry("BFLOAT16", 2),
          Map.entry("SHORT", 2),
          Map.entry("UINT16", 2),
          Map.entry("BYTE", 1),
          Map.entry("UBYTE", 1),
          Map.entry("BOOL", 1));

  private ArrayHeader() {}

  /**
   * @param head the first bytes of the file (up to {@link #MAX_BYTES})
   * @param size the file's whole inflated size
   */
  static void check(byte[] head, int headLength, long size, String what) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(head, 0, headLength))) {
      Buffer shape = Buffer.read(in, what);
      if (shape.length() < 0 || shape.length() > 2 * 32 + 4) {
        throw bad(what, "a shape of " + shape.length() + " values");
      }
      in.skipNBytes(shape.length() * shape.bytesPerValue());
      Buffer data = Buffer.read(in, what);
      long headerBytes = headLength - in.available();
      if (data.length() < 0 || headerBytes + data.length() * data.bytesPerValue() != size) {
        throw bad(
            what,
            String.format(
                "a header declaring %d %s values but %d bytes of data",
                data.length(), data.type(), size - headerBytes));
      }
    } catch (IOException e) {
      throw bad(what, "no readable array header (" + e + ")");
    }
  }

  private record Buffer(long length, String type, int bytesPerValue) {
    static Buffer read(DataInputStream in, String what) throws IOException {
      in.readUTF();
      long length = in.readLong();
      String type = in.readUTF();
      Integer bytes = BYTES_PER_VALUE.get(type);
      if (bytes == null) {
        throw bad(what, "values of an unknown type '" + type + "'");
      }
      return new Buffer(length, type, bytes);
    }
  }

  private static BadInputException bad(String what, String problem) {
    return new BadInputException(what + " holds " + problem + "; refusing to load it.");
  }
}
