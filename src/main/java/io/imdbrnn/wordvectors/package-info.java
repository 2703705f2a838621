/**
 * The {@code word-vectors} stage: Word2Vec (Spark MLlib) on the train split's texts, written in the
 * text format {@code train.word-vectors} reads.
 */
package io.imdbrnn.wordvectors;
