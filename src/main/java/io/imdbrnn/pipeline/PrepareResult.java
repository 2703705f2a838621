package io.imdbrnn.pipeline;

import io.imdbrnn.bundle.PreparedManifest;

/** What one prepare run wrote. */
public record PrepareResult(String output, PreparedManifest manifest) {}
