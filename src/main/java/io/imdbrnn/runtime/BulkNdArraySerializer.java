package io.imdbrnn.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kryo serialization of ND4J arrays as one bulk copy of their bytes. Every parameter-averaging
 * round sends the parameters and the updater state (about 3.9 MB for the reference network) to the
 * workers and back; ND4J's own {@link Nd4jSerializer} writes them element by element through a
 * {@code DataOutputStream}, which took about 19 ms per round trip of that payload, most of a
 * round's fixed cost. This writes the header (type, shape) and then the native buffer in chunks.
 *
 * <p>Arrays it does not handle (compressed, non-numeric types) and a native byte order other than
 * little-endian go through {@link Nd4jSerializer} unchanged, marked by the first byte. Empty
 * arrays, which ND4J's format cannot write at all, are written as their type and shape.
 */
public final class BulkNdArraySerializer extends Serializer<INDArray> {
  private static final byte BULK = 1;
  private static final byte DELEGATED = 2;
  private static final byte EMPTY = 3;
  private static final int CHUNK = 1 << 16;

  private final Nd4jSerializer fallback = new Nd4jSerializer();

  @Override
  public void write(Kryo kryo, Output out, INDArray array) {
    if (array.isEmpty()) {
      // ND4J's own format cannot write an empty array (it has no buffer).
      out.writeByte(EMPTY);
      out.writeString(array.dataType().name());
      writeShape(out, array.shape());
      return;
    }
    if (!bulk(array)) {
      out.writeByte(DELEGATED);
      fallback.write(kryo, out, array);
      return;
    }
    // Views and 'f' order: copied once to a dense 'c' array, whose buffer is exactly its elements.
    INDArray dense =
        array.isView()
                || array.offset() != 0
                || array.ordering() != 'c'
                || array.data().length() != array.length()
            ? array.dup('c')
            : array;
    out.writeByte(BULK);
    out.writeString(dense.dataType().name());
    writeShape(out, dense.shape());
    ByteBuffer bytes = dense.data().asNio().duplicate();
    long size = dense.length() * dense.dataType().width();
    bytes.position(0).limit(Math.toIntExact(size));
    out.writeLong(size, true);
    byte[] chunk = new byte[(int) Math.min(CHUNK, size)];
    while (bytes.hasRemaining()) {
      int n = Math.min(chunk.length, bytes.remaining());
      bytes.get(chunk, 0, n);
      out.writeBytes(chunk, 0, n);
    }
  }

  @Override
  public INDArray read(Kryo kryo, Input in, Class<INDArray> type) {
    byte kind = in.readByte();
    if (kind == DELEGATED) {
      return fallback.read(kryo, in, type);
    }
    if (kind != BULK && kind != EMPTY) {
      throw new IllegalStateException("Not an ND4J array written by " + getClass().getName());
    }
    DataType dataType = DataType.valueOf(in.readString());
    long[] shape = readShape(in);
    if (kind == EMPTY) {
      return shape.length == 0 ? Nd4j.empty(dataType) : Nd4j.create(dataType, shape);
    }
    long size = in.readLong(true);
    INDArray array = Nd4j.createUninitialized(dataType, shape, 'c');
    if (array.length() * dataType.width() != size) {
      throw new IllegalStateException(
          "An ND4J array of shape "
              + java.util.Arrays.toString(shape)
              + " cannot hold "
              + size
              + " bytes");
    }
    ByteBuffer target = array.data().asNio().duplicate();
    target.position(0).limit(Math.toIntExact(size));
    byte[] chunk = new byte[(int) Math.min(CHUNK, size)];
    while (target.hasRemaining()) {
      int n = Math.min(chunk.length, target.remaining());
      in.readBytes(chunk, 0, n);
      target.put(chunk, 0, n);
    }
    return array;
  }

  private static void writeShape(Output out, long[] shape) {
    out.writeInt(shape.length, true);
    for (long d : shape) {
      out.writeLong(d, true);
    }
  }

  private static long[] readShape(Input in) {
    long[] shape = new long[in.readInt(true)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = in.readLong(true);
    }
    return shape;
  }

  /** Whether the bulk format applies: a plain numeric array on a little-endian machine. */
  private static boolean bulk(INDArray array) {
    DataType t = array.dataType();
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
        && !array.isCompressed()
        && (t.isNumerical() || t == DataType.BOOL)
        && array.length() * (long) t.width() <= Integer.MAX_VALUE;
  }
}
