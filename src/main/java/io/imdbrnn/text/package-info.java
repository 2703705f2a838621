/**
 * Text to ids, without Spark: the one tokenizer, the vocabulary and the Keras-style padding.
 * Prepare, predict, the model bundle and scoring all use these, so training and serving cannot
 * drift apart.
 */
package io.imdbrnn.text;
