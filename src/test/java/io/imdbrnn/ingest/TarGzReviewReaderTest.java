package io.imdbrnn.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzReviewReaderTest {
  @TempDir Path dir;

  private List<RawFile> readAll(Path archive, long maxBytes) throws IOException {
    List<RawFile> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive)) {
      TarGzReviewReader reader = new TarGzReviewReader(in, "a.tar.gz", maxBytes);
      reader.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void streamsLayoutFilesAndIgnoresTheRest() throws IOException {
    Path archive =
        new TarGzBuilder()
            .file("aclImdb/README", "readme")
            .file("aclImdb/imdb.vocab", "the\nand\n")
            .file("aclImdb/train/pos/0_9.txt", "Good.")
            .file("aclImdb/train/unsup/5_0.txt", "Unlabeled.")
            .file("aclImdb/train/labeledBow.feat", "0 1:1")
            .file("aclImdb/test/neg/1_2.txt", "Bad.")
            .write(dir.resolve("a.tar.gz"));
    List<RawFile> files;
    long ignored;
    try (InputStream in = Files.newInputStream(archive)) {
      TarGzReviewReader reader = new TarGzReviewReader(in, "a.tar.gz", 100);
      files = new ArrayList<>();
      reader.forEachRemaining(files::add);
      ignored = reader.ignoredEntries();
    }
    assertThat(files)
        .extracting(RawFile::layoutPath)
        .containsExactly("train/pos/0_9.txt", "test/neg/1_2.txt");
    assertThat(files)
        .extracting(RawFile::source)
        .containsExactly("a.tar.gz!aclImdb/train/pos/0_9.txt", "a.tar.gz!aclImdb/test/neg/1_2.txt");
    assertThat(new String(files.get(0).content(), "UTF-8")).isEqualTo("Good.");
    assertThat(ignored).isEqualTo(4);
  }

  @Test
  void unsafeEntriesAreRejectedNeverFollowed() throws IOException {
    Path archive =
        new TarGzBuilder()
            .file("/etc/train/pos/1_9.txt", "abs")
            .file("aclImdb/../../train/pos/2_9.txt", "dotdot")
            .symlink("aclImdb/train/pos/3_9.txt", "/etc/passwd")
            .hardlink("aclImdb/train/pos/4_9.txt", "aclImdb/train/pos/0_9.txt")
            .write(dir.resolve("evil.tar.gz"));
    List<RawFile> files = readAll(archive, 100);
    assertThat(files).allSatisfy(f -> assertThat(f.content()).isNull());
    assertThat(files)
        .extracting(RawFile::problem)
        .containsExactly(
            "unsafe archive entry: absolute path",
            "unsafe archive entry: path leaves the archive root ('..')",
            "unsafe archive entry: symbolic link to /etc/passwd",
            "unsafe archive entry: hard link to aclImdb/train/pos/0_9.txt");
  }

  @Test
  void oversizedEntryIsSkippedUnread() throws IOException {
    Path archive =
        new TarGzBuilder()
            .file("aclImdb/train/pos/0_9.txt", "x".repeat(500))
            .file("aclImdb/train/pos/1_9.txt", "ok")
            .write(dir.resolve("a.tar.gz"));
    List<RawFile> files = readAll(archive, 100);
    assertThat(files.get(0).problem())
        .isEqualTo("text is 500 bytes, over the limit of 100 bytes (ingest.max-review-bytes)");
    assertThat(files.get(0).content()).isNull();
    assertThat(new String(files.get(1).content(), "UTF-8")).isEqualTo("ok");
  }

  @Test
  void truncatedArchiveIsAClearError() throws IOException {
    TarGzBuilder builder = new TarGzBuilder();
    for (int i = 0; i < 200; i++) {
      builder.file(
          "aclImdb/train/pos/" + i + "_9.txt",
          "Review number " + i + " with some words " + "x".repeat(i));
    }
    Path whole = builder.write(dir.resolve("whole.tar.gz"));
    Path cut = TarGzBuilder.truncate(whole, dir.resolve("cut.tar.gz"), (int) Files.size(whole) / 2);
    assertThatThrownBy(() -> readAll(cut, 10_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Archive a.tar.gz is truncated or corrupt (last good entry: aclImdb/train/pos/");
  }

  @Test
  void notAGzipFileIsAClearError() throws IOException {
    Path plain = Files.writeString(dir.resolve("x.tar.gz"), "just text, not an archive");
    assertThatThrownBy(() -> readAll(plain, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Archive a.tar.gz is truncated or corrupt");
  }

  @Test
  void twoDatasetRootsAreRefused() throws IOException {
    Path archive =
        new TarGzBuilder()
            .file("aclImdb/train/pos/0_9.txt", "a")
            .file("copy/aclImdb/train/pos/0_9.txt", "b")
            .write(dir.resolve("a.tar.gz"));
    assertThatThrownBy(() -> readAll(archive, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Archive a.tar.gz holds more than one dataset root: 'aclImdb/' and 'copy/aclImdb/' "
                + "(entry copy/aclImdb/train/pos/0_9.txt)");
  }
}
