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
    if (dest.dataType() != DataType.FLOAT || !dense(dest) || dest.length() != src.length) {
      throw new IllegalArgumentException(
          "Cannot copy " + src.length + " floats into " + dest.shapeInfoToString());
    }
    dest.data().asNioFloat().put(src);
  }

  /**
   * The column sums of a row-major {@code float[]} or {@code double[]} of rows of {@code width}, in
   * double precision: the bias gradient of a layer from its pre-activation gradients. ND4J's column
   * sum over the (sequence, step) rows of a minibatch cost up to a tenth of a training step.
   */
  static double[] columnSums(Object rowMajor, int width) {
    double[] sums = new double[width];
    if (rowMajor instanceof float[] f) {
      for (int i = 0; i < f.length; i += width) {
        for (int j = 0; j < width; j++) {
          sums[j] += f[i + j];
        }
      }
    } else {
      double[] d = (double[]) rowMajor;
      for (int i = 0; i < d.length; i += width) {
        for (int j = 0; j < width; j++) {
          sums[j] += d[i + j];
        }
      }
    }
    return sums;
  }

  /**
   * {@code values} as a {@code [1, length]} array of {@code type}, e.g. to assign to a bias view.
   */
  static INDArray row(double[] values, DataType type) {
    return Nd4j.createFromArray(values).reshape(1, values.length).castTo(type);
  }

  /**
   * Whether {@code a}'s elements lie one after the other in its own order. Unlike ND4J's default
   * strides check, a dimension of size 1 may have any stride (ND4J gives it its neighbour's).
   */
  private static boolean dense(INDArray a) {
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int k = 0; k < shape.length; k++) {
      int d = a.ordering() == 'c' ? shape.length - 1 - k : k;
      if (shape[d] > 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /**
   * Writes the row-major {@code [rows, cols]} matrix {@code src} into {@code dest}, a dense view of
   * either order. Parameter gradient views are column-major slices of the network's flat gradient;
   * transposing on the heap and writing in one copy costs far less than ND4J's element-wise assign
   * from a row-major array.
   */
  static void copyMatrixInto(float[] src, int rows, int cols, INDArray dest) {
    copyInto(dest.ordering() == 'c' ? src : transpose(src, rows, cols), dest);
  }

  /**
   * {@code [rows, cols]} row-major to the same matrix column-major, in blocks of rows so that reads
   * stay in cache and each column is written as a contiguous run.
   */
  private static float[] transpose(float[] rowMajor, int rows, int cols) {
    float[] out = new float[rowMajor.length];
    int block = 64;
    for (int r0 = 0; r0 < rows; r0 += block) {
      int r1 = Math.min(rows, r0 + block);
      for (int c = 0; c < cols; c++) {
        int to = c * rows;
        for (int r = r0; r < r1; r++) {
          out[to + r] = rowMajor[r * cols + c];
        }
      }
    }
    return out;
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
