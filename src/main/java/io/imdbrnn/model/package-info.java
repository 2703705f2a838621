/**
 * The network definition: maps a {@link io.imdbrnn.model.NetworkSpec} to a Deeplearning4j
 * configuration. Imports nothing from Spark, so the same definition serves training, evaluation and
 * scoring on a single machine.
 */
package io.imdbrnn.model;
