package io.imdbrnn.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J arrays and Java arrays, in row-major ('c') element order, as bulk memory
 * copies through NIO views of the native buffers: ND4J's own {@code asFloat()} and {@code
 * setData()} go element by element, which cost more than the whole recurrence.
 */
final class HeapArrays {
  private HeapArrays() {}

  static float[] floats(INDArray a) {
    INDArray c = contiguous(a.castTo(DataType.FLOAT));
    float[] out = new float[Math.toIntExact(c.length())];
    c.data().asNioFloat().get(out);
    return out;
  }

  static double[] doubles(INDArray a) {
    INDArray c = contiguous(a.castTo(DataType.DOUBLE));
    double[] out = new double[Math.toIntExact(c.length())];
    c.data().asNioDouble().get(out);
    return out;
  }

  /**
   * A new array (in the current workspace, if any) of {@code type} and {@code shape}, from a {@code
   * float[]} or {@code double[]}.
   */
  static INDArray of(Object data, DataType type, long... shape) {
    if (data instanceof float[] f) {
      INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
      a.data().asNioFloat().put(f);
      return a.castTo(type);
    }
    INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
    a.data().asNioDouble().put((double[]) data);
    return a.castTo(type);
  }

  /**
   * Writes {@code src}, given in {@code dest}'s own memory order ('c' or 'f'), straight into {@code
   * dest}'s buffer; {@code dest} may be a view but must be laid out densely (default strides).
   */
  static void copyInto(float[] src, INDArray dest) {
    if (dest.dataType() != DataType.FLOAT
        || !Shape.hasDefaultStridesForShape(dest)
        || dest.length() != src.length) {
      throw new IllegalArgumentException(
          "Cannot copy " + src.length + " floats into " + dest.shapeInfoToString());
    }
    dest.data().asNioFloat().put(src);
  }

  /** {@code a} itself when it owns a row-major buffer of exactly its length, else a copy. */
  static INDArray contiguous(INDArray a) {
    boolean owns =
        a.ordering() == 'c'
            && !a.isView()
            && Shape.hasDefaultStridesForShape(a)
            && a.data().length() == a.length();
    return owns ? a : a.dup('c');
  }
}
