/**
 * The model bundle format, without Spark: network, vocabulary, {@code prepare.json} and {@code
 * manifest.json}, written and read (safely, with size caps) through Hadoop's filesystem API.
 */
package io.imdbrnn.bundle;
