/**
 * Scoring token rows with a network on the executors, and the binary-classification metrics
 * computed from the scores (one decision threshold for all of them).
 */
package io.imdbrnn.scoring;
