/**
 * Stage 1: reads the aclImdb layout (a directory on any Hadoop filesystem, or a .tar.gz) into the
 * reviews dataset, validating every file. Parsing and validation are pure functions ({@link
 * io.imdbrnn.ingest.ReviewParser}); the sources only turn files or archive entries into {@link
 * io.imdbrnn.ingest.RawFile}s.
 */
package io.imdbrnn.ingest;
