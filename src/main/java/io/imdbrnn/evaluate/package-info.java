/** Stage 4 (evaluate): scores a split with a model bundle and writes metrics and predictions. */
package io.imdbrnn.evaluate;
