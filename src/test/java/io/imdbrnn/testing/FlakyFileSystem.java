package io.imdbrnn.testing;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code flaky://}, where every read fails like a network
 * filesystem losing a datanode: listing works, opening a file throws an {@link IOException}. For
 * tests that a transient I/O failure is exit 1 (retry), not exit 2 (bad input). Register it with
 * {@code fs.flaky.impl}.
 */
public class FlakyFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "flaky";

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    throw new IOException("simulated transient failure reading " + f);
  }
}
