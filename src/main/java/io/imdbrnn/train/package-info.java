/**
 * Stage 3 (train): fits the network across Spark executors with dl4j-spark's parameter-averaging
 * training master and writes a model bundle.
 */
package io.imdbrnn.train;
