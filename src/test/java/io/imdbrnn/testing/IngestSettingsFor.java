package io.imdbrnn.testing;

import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.config.SettingsBinder;

/** Ingest settings for tests: the defaults, with the keys tests vary. */
public final class IngestSettingsFor {
  private IngestSettingsFor() {}

  public static IngestSettings of(
      String input,
      String output,
      MalformedMode mode,
      long maxReviewBytes,
      int partitions,
      boolean overwrite) {
    return SettingsBinder.builder(IngestSettings.class)
        .set("input", input)
        .set("output", output)
        .set("mode", mode.settingName())
        .set("max-review-bytes", maxReviewBytes)
        .set("partitions", partitions)
        .set("overwrite", overwrite)
        .build();
  }
}
