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

  /** True for the held-out rows, about {@code fraction} of them: training's validation rows. */
  public static Column isHeldOut(Column key, double fraction, long seed) {
    return below(xxhash64(lit(seed), key), fraction);
  }

  /**
   * The same with the hash salted by {@code purpose}, so that two hold-outs of the same rows and
   * seed are independent. Ingest's test split is salted: with the same hash as training's
   * validation rows, the rows that hash low would all be test rows, and a train split cut from the
   * same table by the same seed would have no validation rows at all.
   */
  public static Column isHeldOut(Column key, double fraction, long seed, String purpose) {
    return below(xxhash64(lit(seed), lit(purpose), key), fraction);
  }

  private static Column below(Column hash, double fraction) {
    return pmod(hash, lit(BUCKETS)).lt(lit((long) Math.round(fraction * BUCKETS)));
  }
}
