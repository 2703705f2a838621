package io.imdbrnn.testing;

import java.util.ArrayList;
import java.util.List;

/** {@code promote} as a user runs it: a candidate, its evaluation, the texts, the registry. */
public final class PromoteRun {
  private PromoteRun() {}

  public static CliRun of(
      String model, String evaluation, String reviews, String registry, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "promote",
                "--model",
                model,
                "--evaluation",
                evaluation,
                "--reviews",
                reviews,
                "--registry",
                registry));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }
}
