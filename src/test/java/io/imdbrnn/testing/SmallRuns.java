package io.imdbrnn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Commands at a size that trains in seconds (24 steps, 80 words, 2 epochs of minibatches of 8 on
 * two workers), for tests that need real bundles and evaluations rather than good ones.
 */
public final class SmallRuns {
  public static final List<String> SETTINGS =
      List.of(
          "--set", "prepare.max-len=24",
          "--set", "prepare.vocab-size=80",
          "--set", "train.epochs=2",
          "--set", "train.batch-size=8",
          "--set", "train.workers=2");

  private SmallRuns() {}

  /** Runs the command with the small settings and fails the test unless it exits 0. */
  public static void cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(SETTINGS);
    CliRun run = CliRun.of(all.toArray(new String[0]));
    assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
  }
}
