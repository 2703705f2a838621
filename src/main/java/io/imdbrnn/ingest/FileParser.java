package io.imdbrnn.ingest;

import java.io.Serializable;

/** Validates one file of a layout and turns it into a text row, or says why it cannot. */
interface FileParser extends Serializable {
  ParseOutcome parse(RawFile file);
}
