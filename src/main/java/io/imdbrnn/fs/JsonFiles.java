package io.imdbrnn.fs;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * The one JSON mapper for the files this program writes and reads back (manifests, markers,
 * checkpoint state): indented, and tolerant of fields added by later versions, so an older reader
 * still loads a newer file's known fields.
 */
public final class JsonFiles {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(instants());

  /** One object per line (JSON lines), for output streams. */
  public static final ObjectWriter LINES =
      MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /**
   * Instants as ISO-8601 text. Jackson's java.time module is not on every Spark class path, and
   * this is the one java.time type our files hold.
   */
  private static SimpleModule instants() {
    SimpleModule m = new SimpleModule("instants");
    m.addSerializer(Instant.class, ToStringSerializer.instance);
    m.addDeserializer(
        Instant.class,
        new FromStringDeserializer<>(Instant.class) {
          @Override
          protected Instant _deserialize(String value, DeserializationContext ctxt) {
            return Instant.parse(value);
          }
        });
    return m;
  }
}
