package io.imdbrnn.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock file that keeps a second writer out of a directory: created only if absent (atomic on
 * local disks and HDFS), holding its owner (host, process id, when) and refreshed while held, so
 * that a lock whose owner died is recognised as stale (its process is gone from this host, or it
 * has not been refreshed for longer than the stale age) and taken over. A writer that cannot get
 * the lock within its wait fails, naming the owner.
 */
public final class FileLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileLock.class);
  private static final long MAX_BYTES = 64 * 1024;
  private static final long POLL_MILLIS = 500;
  private static final long UNRECORDED_GRACE_MILLIS = 5_000;
  private static final String TOOL = "imdb-rnn-spark";

  /** What the lock file says: enough for a person (and the stale check) to find its owner. */
  public record Owner(String tool, String host, long pid, String token, String acquiredAt) {
    static Owner ofThisProcess() {
      return new Owner(
          TOOL,
          hostName(),
          ProcessHandle.current().pid(),
          UUID.randomUUID().toString(),
          Instant.now().toString());
    }

    String describe() {
      return "process " + pid + " on " + host + " since " + acquiredAt;
    }
  }

  /** Thrown when the lock stays held by a live owner for longer than the wait. */
  public static final class HeldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Owner owner;
  private final ScheduledExecutorService heartbeat;

  private FileLock(FileSystem fs, Path file, Owner owner, Duration staleAfter) {
    this.fs = fs;
    this.file = file;
    this.owner = owner;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lock-heartbeat " + file.getName());
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, staleAfter.toSeconds() / 4);
    heartbeat.scheduleAtFixedRate(this::refresh, every, every, TimeUnit.SECONDS);
  }

  /**
   * Takes the lock {@code file}, waiting up to {@code wait} for another owner to release it.
   *
   * @param what what the lock protects, for messages ("model registry /data/registry")
   * @throws HeldException when a live owner still holds it after {@code wait}
   */
  public static FileLock acquire(
      Configuration conf, Path file, Duration wait, Duration staleAfter, String what) {
    Owner me = Owner.ofThisProcess();
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    try {
      FileSystem fs = file.getFileSystem(conf);
      while (true) {
        if (tryCreate(fs, file, me)) {
          return new FileLock(fs, file, me, staleAfter);
        }
        Optional<Owner> holder = read(fs, file);
        requireOurs(fs, file, holder, what);
        if (isStale(fs, file, holder, staleAfter)) {
          LOG.warn(
              "Taking over the stale lock {} of {} ({})",
              file,
              what,
              holder.map(Owner::describe).orElse("owner unknown"));
          breakLock(fs, file);
          continue;
        }
        if (System.nanoTime() >= deadline) {
          throw new HeldException(
              String.format(
                  "%s is locked by another writer (%s; lock file %s) and was not released within"
                      + " %d s. Try again when it has finished; a lock whose process has died is"
                      + " taken over once it is older than the stale age.",
                  what,
                  holder.map(Owner::describe).orElse("owner not yet recorded"),
                  file,
                  wait.toSeconds()));
        }
        if (!told) {
          LOG.info(
              "Waiting for {} to be released ({})",
              what,
              holder.map(Owner::describe).orElse("owner not yet recorded"));
          told = true;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the lock of " + what, e);
    }
  }

  public Owner owner() {
    return owner;
  }

  /** Releases the lock if it is still this owner's (a taken-over lock is left to its new owner). */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      Optional<Owner> now = read(fs, file);
      if (now.isPresent() && now.get().token().equals(owner.token())) {
        fs.delete(file, false);
      } else {
        LOG.warn("The lock {} is no longer this process's; leaving it", file);
      }
    } catch (IOException e) {
      LOG.warn("Could not release the lock {}: {}", file, e.getMessage());
    }
  }

  private void refresh() {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not refresh the lock {}: {}", file, e.getMessage());
    }
  }

  /** Creates the file with the owner in it, or returns false when it exists. */
  private static boolean tryCreate(FileSystem fs, Path file, Owner me) throws IOException {
    byte[] content = JsonFiles.MAPPER.writeValueAsBytes(me);
    if ("file".equals(fs.getUri().getScheme())) {
      // O_EXCL: Hadoop's local create checks for the file and then opens it, which two
      // processes can both pass.
      java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(file).toUri());
      Files.createDirectories(local.getParent());
      try {
        Files.write(local, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The owner recorded in the lock, empty when it is gone, being written or not ours. */
  private static Optional<Owner> read(FileSystem fs, Path file) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(file);
      if (!status.isFile() || status.getLen() == 0 || status.getLen() > MAX_BYTES) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        Owner o = JsonFiles.MAPPER.readValue(in, Owner.class);
        return o.token() == null || o.host() == null || o.tool() == null
            ? Optional.empty()
            : Optional.of(o);
      }
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * A lock file is only ever taken over if this program wrote it: a directory, or a file that still
   * holds no owner of ours well after it was created (a writer records itself within milliseconds),
   * is refused by name and left alone.
   */
  private static void requireOurs(FileSystem fs, Path file, Optional<Owner> holder, String what)
      throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(file);
    } catch (java.io.FileNotFoundException e) {
      return;
    }
    boolean foreign =
        !status.isFile()
            || (holder.isEmpty()
                && System.currentTimeMillis() - status.getModificationTime()
                    > UNRECORDED_GRACE_MILLIS)
            || (holder.isPresent() && !TOOL.equals(holder.get().tool()));
    if (foreign) {
      throw new io.imdbrnn.errors.BadInputException(
          String.format(
              "%s has a lock file %s that this program did not write; it is left as it is."
                  + " Remove it if nothing else uses it.",
              what, file));
    }
  }

  /** Not refreshed for the stale age, or its process is gone from this very host. */
  private static boolean isStale(
      FileSystem fs, Path file, Optional<Owner> holder, Duration staleAfter) throws IOException {
    long modified;
    try {
      modified = fs.getFileStatus(file).getModificationTime();
    } catch (java.io.FileNotFoundException e) {
      return false; // released meanwhile: the next create decides
    }
    if (System.currentTimeMillis() - modified > staleAfter.toMillis()) {
      return true;
    }
    return holder.isPresent()
        && holder.get().host().equals(hostName())
        && ProcessHandle.of(holder.get().pid()).map(p -> !p.isAlive()).orElse(true);
  }

  /** Moves the stale lock aside under a unique name, so that of two takers only one removes it. */
  private static void breakLock(FileSystem fs, Path file) throws IOException {
    Path aside = new Path(file.getParent(), file.getName() + ".stale-" + UUID.randomUUID());
    if (fs.rename(file, aside)) {
      fs.delete(aside, false);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
