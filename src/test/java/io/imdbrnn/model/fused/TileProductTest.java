package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tiled product against a plain triple loop, for every tile size a caller can pass and for
 * shapes on both sides of the size from which eight rows are advanced together, with widths that
 * leave partial vectors and rows scattered through their arrays as the kernels keep them.
 */
class TileProductTest {
  @ParameterizedTest(name = "k={0} width={1}")
  @CsvSource({
    "32, 96", // a GRU of 32 units: the matrix stays in L1, four rows at a time
    "5, 7", // narrower than one vector
    "32, 128",
    "96, 288", // 108 KB: eight rows by three blocks, no tail
    "100, 300", // eight rows, a masked tail block
    "288, 96", // a backward product's shape (k = 3n)
    "130, 77" // eight rows, one partial block only
  })
  void everyTileSizeMatchesThePlainProduct(int k, int width) {
    Random random = new Random(k * 31L + width);
    float[] m = randoms(random, k * width);
    for (int tile = 1; tile <= TileProduct.TILE; tile++) {
      // Rows in a shuffled, gapped order: the offsets, not the row numbers, place them.
      int[] srcOff = new int[TileProduct.TILE];
      int[] dstOff = new int[TileProduct.TILE];
      for (int r = 0; r < tile; r++) {
        srcOff[r] = (tile - 1 - r) * (k + 3) + 1;
        dstOff[r] = ((r + 1) % tile) * (width + 2) + 2;
      }
      float[] src = randoms(random, tile * (k + 3) + 1);
      float[] dst = randoms(random, tile * (width + 2) + 2);
      float[] expected = dst.clone();
      for (int r = 0; r < tile; r++) {
        for (int j = 0; j < width; j++) {
          double sum = expected[dstOff[r] + j];
          for (int i = 0; i < k; i++) {
            sum += (double) src[srcOff[r] + i] * m[i * width + j];
          }
          expected[dstOff[r] + j] = (float) sum;
        }
      }
      TileProduct.multiplyAdd(src, srcOff, k, m, width, dst, dstOff, tile);
      for (int i = 0; i < dst.length; i++) {
        assertThat(dst[i]).as("tile %d, value %d", tile, i).isCloseTo(expected[i], within(1e-4f));
      }
    }
  }

  private static float[] randoms(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextGaussian() * 0.3f;
    }
    return values;
  }
}
