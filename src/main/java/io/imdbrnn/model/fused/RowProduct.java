package io.imdbrnn.model.fused;

/**
 * {@link TileProduct}'s product for one row in double precision, for the scalar kernels. Kept apart
 * from it because loading {@code TileProduct} needs {@code jdk.incubator.vector}, which the scalar
 * path must not.
 */
final class RowProduct {
  private RowProduct() {}

  /**
   * {@code dst[d + j] += Σ_i src[so + i] · m[i · width + j]} for i below {@code k}, j below {@code
   * width}; zero entries of {@code src} (a ReLU state's, a masked gradient's) are skipped.
   */
  static void multiplyAdd(double[] src, int so, int k, double[] m, int width, double[] dst, int d) {
    for (int i = 0; i < k; i++) {
      double x = src[so + i];
      if (x != 0.0) {
        int row = i * width;
        for (int j = 0; j < width; j++) {
          dst[d + j] += x * m[row + j];
        }
      }
    }
  }
}
