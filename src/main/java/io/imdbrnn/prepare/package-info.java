/**
 * Stage 2 (prepare): tokenizes reviews, fits the vocabulary on the train split and turns every
 * review into a fixed-length id sequence, with the plain-Java text code of {@link io.imdbrnn.text},
 * so that scoring raw text later runs exactly the code that prepared the training data.
 */
package io.imdbrnn.prepare;
