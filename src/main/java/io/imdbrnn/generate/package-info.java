/** Sampling text from a next-char model, one character per recurrent step. */
package io.imdbrnn.generate;
