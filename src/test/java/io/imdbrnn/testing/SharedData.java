package io.imdbrnn.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real IMDB archive in ../shared/data (never copied into the project). */
public final class SharedData {
  private SharedData() {}

  public static Path labeledArchive() {
    Path dir = Path.of(System.getProperty("imdbrnn.test.data", "../shared/data"));
    Path archive = dir.resolve("aclImdb-labeled.tar.gz");
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "Test data "
              + archive.toAbsolutePath()
              + " is missing: clone the project next to shared/ "
              + "(CI does) or pass -Dimdbrnn.test.data=DIR");
    }
    return archive;
  }
}
