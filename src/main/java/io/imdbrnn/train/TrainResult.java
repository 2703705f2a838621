package io.imdbrnn.train;

import io.imdbrnn.bundle.BundleManifest;

/** What one training run wrote. */
public record TrainResult(String bundle, BundleManifest manifest) {}
