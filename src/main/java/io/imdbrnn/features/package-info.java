/**
 * Stage 2 (prepare): tokenizes reviews, fits the vocabulary on the train split and turns every
 * review into a fixed-length id sequence. {@link io.imdbrnn.features.ReviewTokenizer}, {@link
 * io.imdbrnn.features.Vocabulary} and {@link io.imdbrnn.features.SequenceEncoder} are plain Java so
 * that scoring raw text later runs exactly the code that prepared the training data.
 */
package io.imdbrnn.features;
