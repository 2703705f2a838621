package io.imdbrnn.task;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkSpec;
import java.util.Map;

/** The network every task builds from the training settings and the prepared data's shape. */
final class NetworkSpecs {
  private NetworkSpecs() {}

  static NetworkSpec of(
      TrainSettings settings,
      PreparedManifest prepared,
      boolean maskPadding,
      Head head,
      int classes) {
    return new NetworkSpec(
        settings.cell(),
        prepared.vocabSize(),
        prepared.maxLen(),
        settings.embeddingSize(),
        settings.hiddenSize(),
        settings.learningRate(),
        settings.seed(),
        maskPadding,
        settings.layers(),
        settings.bidirectional(),
        settings.dropout(),
        settings.pooling(),
        head,
        classes,
        settings.convWidth());
  }

  /** The data's shape, which every checkpoint must share with the run that continues it. */
  static Map<String, Object> shape(PreparedManifest prepared) {
    return Map.of("prepare.vocab-size", prepared.vocabSize(), "prepare.max-len", prepared.maxLen());
  }
}
