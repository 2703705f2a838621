package io.imdbrnn.fs;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * A file's bytes as written before compression: Hadoop's codecs by the file's name ({@code .gz},
 * {@code .bz2}, and any the configuration adds), the bytes as they are for other names.
 */
public final class Decompressed {
  private Decompressed() {}

  /** Opens {@code file} on its filesystem, decompressed. */
  public static InputStream open(Configuration conf, Path file) throws IOException {
    return of(conf, file, file.getFileSystem(conf).open(file));
  }

  /** {@code raw}, the bytes of {@code file} (counted or digested on the way), decompressed. */
  public static InputStream of(Configuration conf, Path file, InputStream raw) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    return codec == null ? raw : codec.createInputStream(raw);
  }
}
