package io.imdbrnn.model;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Orthogonal recurrent weights, as Keras initialises them. ND4J 1.0.0-M2's own {@code
 * OrthogonalDistribution} never returns: its native QR op spins (seen on this project's
 * linux-x86_64 backend), so the matrix is built here by Gram-Schmidt on a seeded Gaussian matrix.
 */
final class OrthogonalInit {
  private OrthogonalInit() {}

  /**
   * A {@code n × (blocks·n)} matrix of {@code blocks} independent orthogonal {@code n × n} blocks
   * (one per LSTM gate; one block for a simple RNN).
   */
  static INDArray blocks(int n, int blocks, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[n][n * blocks];
    for (int b = 0; b < blocks; b++) {
      double[][] q = orthogonal(n, random);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          out[i][b * n + j] = (float) q[i][j];
        }
      }
    }
    return Nd4j.createFromArray(out);
  }

  /**
   * Modified Gram-Schmidt on the columns of a Gaussian matrix; retries the rare degenerate draw.
   */
  static double[][] orthogonal(int n, Random random) {
    double[][] cols = new double[n][n];
    for (int c = 0; c < n; c++) {
      double norm;
      do {
        for (int r = 0; r < n; r++) {
          cols[c][r] = random.nextGaussian();
        }
        for (int p = 0; p < c; p++) {
          double dot = 0;
          for (int r = 0; r < n; r++) {
            dot += cols[c][r] * cols[p][r];
          }
          for (int r = 0; r < n; r++) {
            cols[c][r] -= dot * cols[p][r];
          }
        }
        norm = 0;
        for (int r = 0; r < n; r++) {
          norm += cols[c][r] * cols[c][r];
        }
        norm = Math.sqrt(norm);
      } while (norm < 1e-6);
      for (int r = 0; r < n; r++) {
        cols[c][r] /= norm;
      }
    }
    double[][] q = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        q[r][c] = cols[c][r];
      }
    }
    return q;
  }
}
