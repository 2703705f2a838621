package io.imdbrnn.train;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A finished training: the network (at its best epoch when {@code train.restore-best} says so), how
 * many epochs ran, the best one, the last epoch's validation figures, and the rows fitted and
 * validated on ({@code fit}, {@code validation}).
 */
public record Trained(
    MultiLayerNetwork network,
    int epochsRun,
    int bestEpoch,
    double validationLoss,
    double validationAccuracy,
    Map<String, Long> rows) {}
