package io.imdbrnn.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer lock: held keeps others out, released or stale lets them in. */
class FileLockTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private org.apache.hadoop.fs.Path lockFile() {
    return new org.apache.hadoop.fs.Path(dir.resolve("x.lock").toString());
  }

  @Test
  void aHeldLockKeepsASecondWriterOutAndNamesItsOwnerThenLetsItInWhenReleased() {
    FileLock first =
        FileLock.acquire(conf, lockFile(), Duration.ZERO, Duration.ofMinutes(10), "Thing T");
    assertThatThrownBy(
            () ->
                FileLock.acquire(
                    conf, lockFile(), Duration.ofMillis(700), Duration.ofMinutes(10), "Thing T"))
        .isInstanceOf(FileLock.HeldException.class)
        .hasMessageContaining("Thing T is locked by another writer")
        .hasMessageContaining("process " + ProcessHandle.current().pid())
        .hasMessageContaining(dir.resolve("x.lock").toString());
    first.close();
    assertThat(dir.resolve("x.lock")).doesNotExist();
    try (FileLock second =
        FileLock.acquire(conf, lockFile(), Duration.ZERO, Duration.ofMinutes(10), "Thing T")) {
      assertThat(dir.resolve("x.lock")).exists();
      assertThat(second.owner().pid()).isEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void aLockWhoseProcessDiedIsTakenOverAtOnce() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Files.writeString(
        dir.resolve("x.lock"),
        JsonFiles.MAPPER.writeValueAsString(
            new FileLock.Owner(
                "imdb-rnn-spark",
                java.net.InetAddress.getLocalHost().getHostName(),
                dead.pid(),
                "t",
                "2026-01-01T00:00:00Z")));
    try (FileLock taken =
        FileLock.acquire(conf, lockFile(), Duration.ZERO, Duration.ofMinutes(10), "Thing T")) {
      assertThat(taken.owner().pid()).isEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void aLockNotRefreshedForTheStaleAgeIsTakenOverAndAFreshOneIsNot() throws Exception {
    Files.writeString(
        dir.resolve("x.lock"),
        JsonFiles.MAPPER.writeValueAsString(
            new FileLock.Owner("imdb-rnn-spark", "another-host", 1, "t", "2026-01-01T00:00:00Z")));
    assertThatThrownBy(
            () ->
                FileLock.acquire(
                    conf, lockFile(), Duration.ZERO, Duration.ofMinutes(10), "Thing T"))
        .isInstanceOf(FileLock.HeldException.class)
        .hasMessageContaining("process 1 on another-host");
    Files.setLastModifiedTime(
        dir.resolve("x.lock"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    try (FileLock taken =
        FileLock.acquire(conf, lockFile(), Duration.ZERO, Duration.ofMinutes(10), "Thing T")) {
      assertThat(taken.owner().token()).isNotEqualTo("t");
    }
    try (var names = Files.list(dir)) {
      assertThat(names.toList())
          .as("the stale lock is gone, and so is ours once released")
          .isEmpty();
    }
  }

  @Test
  void aLockFileThisProgramDidNotWriteIsRefusedAndLeftAsItIs() throws Exception {
    Path lock = Files.writeString(dir.resolve("x.lock"), "someone else's");
    Files.setLastModifiedTime(
        lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    assertThatThrownBy(
            () ->
                FileLock.acquire(
                    conf, lockFile(), Duration.ofMinutes(1), Duration.ofMinutes(10), "Thing T"))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessageContaining("did not write");
    assertThat(lock).hasContent("someone else's");
    Files.delete(lock);
    Files.createDirectories(lock);
    assertThatThrownBy(
            () ->
                FileLock.acquire(
                    conf, lockFile(), Duration.ofMinutes(1), Duration.ofMinutes(10), "Thing T"))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class);
    assertThat(lock).isDirectory();
  }
}
