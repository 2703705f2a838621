package io.imdbrnn.fs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON mapper for the files this program writes and reads back (manifests, markers,
 * checkpoint state): indented, and tolerant of fields added by later versions, so an older reader
 * still loads a newer file's known fields.
 */
public final class JsonFiles {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One object per line (JSON lines), for output streams. */
  public static final ObjectWriter LINES =
      MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}
}
