package io.imdbrnn.model.fused;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Copies a stock layer configuration into one of this package's subclasses. The stock builders
 * cannot be extended (their constructors are private), so the copy goes through DL4J's own JSON
 * form, and every setting, present or future, carries over.
 */
final class ConfigurationCopy {
  private ConfigurationCopy() {}

  static <T extends Layer> T as(Layer layer, Class<T> type) {
    ObjectMapper json = NeuralNetConfiguration.mapper();
    ObjectNode tree = json.valueToTree(layer);
    tree.put("@class", type.getName());
    try {
      return type.cast(json.treeToValue(tree, Layer.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Cannot copy the " + layer.getClass().getSimpleName() + " configuration: " + e, e);
    }
  }
}
