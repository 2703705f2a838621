/**
 * Stage 5 (predict): raw text in, sentiment out, through the bundle's own vocabulary and the same
 * tokenizer and encoder as prepare, so training and serving cannot disagree about ids.
 */
package io.imdbrnn.predict;
