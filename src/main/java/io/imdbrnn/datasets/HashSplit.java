package io.imdbrnn.datasets;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Holds out a share of rows by a seeded hash of a key column: a pure function of the key and the
 * seed, so a row's side never depends on the data's order, partitioning or cluster size, and rows
 * with equal keys always fall on the same side. Ingest assigns the test split with it, training its
 * validation rows.
 */
public final class HashSplit {
  /** Resolution: fractions are applied in steps of 1e-6. */
  private static final int BUCKETS = 1_000_000;

  private HashSplit() {}

  /** True for the held-out rows, about {@code fraction} of them. */
  public static Column isHeldOut(Column key, double fraction, long seed) {
    return pmod(xxhash64(lit(seed), key), lit(BUCKETS))
        .lt(lit((long) Math.round(fraction * BUCKETS)));
  }
}
