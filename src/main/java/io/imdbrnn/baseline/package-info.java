/**
 * The baseline beside the network: TF-IDF over unigrams and bigrams with a logistic regression
 * (Spark MLlib), evaluated like the network.
 */
package io.imdbrnn.baseline;
