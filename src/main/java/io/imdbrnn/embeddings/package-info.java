/**
 * Pretrained word vectors: reading the GloVe / word2vec / fastText text format from any Hadoop
 * filesystem, keeping only the vocabulary's words. No Spark.
 */
package io.imdbrnn.embeddings;
