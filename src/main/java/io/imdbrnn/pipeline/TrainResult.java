package io.imdbrnn.pipeline;

import io.imdbrnn.bundle.BundleManifest;

/** What one training run wrote. */
public record TrainResult(String bundle, BundleManifest manifest) {}
