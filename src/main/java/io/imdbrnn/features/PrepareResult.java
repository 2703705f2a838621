package io.imdbrnn.features;

import io.imdbrnn.spark.PreparedManifest;

/** What one prepare run wrote. */
public record PrepareResult(String output, PreparedManifest manifest) {}
