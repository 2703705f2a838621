package io.imdbrnn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.fs.OutputMarker;
import io.imdbrnn.fs.ResolvedPath;
import io.imdbrnn.fs.StagingArea;
import io.imdbrnn.model.SafeModelZip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-epoch training checkpoints in one directory: {@code epoch-NNNN/} with {@code model.zip} (the
 * network with its Adam state and iteration counters), {@code best.bin} (the best epoch's
 * parameters, when early stopping may restore them) and {@code state.json} (epoch, early-stopping
 * state, the history so far, and the settings that must match to resume). Each is written in a
 * {@link StagingArea} and published by one rename, so a checkpoint is complete or absent; only the
 * newest is kept. The epoch shuffles derive from the seed and the epoch number, so nothing else is
 * needed to continue exactly where training stopped.
 */
final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");
  private static final String MODEL = "model.zip";
  private static final String BEST = "best.bin";
  private static final String STATE = "state.json";
  private static final Set<String> FILES = Set.of(MODEL, BEST, STATE);
  private static final String MARKER_STAGE = "checkpoints";
  private static final ObjectMapper JSON = JsonFiles.MAPPER;

  /** What {@code state.json} holds. */
  record State(
      int epoch,
      boolean stopped,
      int bestEpoch,
      double bestLoss,
      // Absent (null) in checkpoints written before early stopping could watch accuracy.
      Double bestAccuracy,
      List<EpochProgress> history,
      Map<String, Object> fingerprint) {

    /** The best epoch's validation figures. */
    TrainingTask.Validation best() {
      return new TrainingTask.Validation(
          bestLoss, bestAccuracy == null ? Double.NaN : bestAccuracy);
    }
  }

  /** A loaded checkpoint. */
  record Saved(State state, MultiLayerNetwork network, INDArray bestParams) {}

  private final Configuration conf;
  private final Path dir;

  /** The run's checkpoints, for an ensemble member's; null for the run's own. */
  private final Checkpoints run;

  Checkpoints(Configuration conf, String dir) {
    this(conf, new Path(dir), null);
  }

  private Checkpoints(Configuration conf, Path dir, Checkpoints run) {
    this.conf = conf;
    this.dir = dir;
    this.run = run;
  }

  /**
   * Fails before any training when the location is taken by a file, or is, contains or lies inside
   * the training input or the bundle output: clearing checkpoints there could destroy either.
   */
  void requireUsable(String settingKey, Map<String, String> protectedPaths) {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (fs.exists(dir) && !fs.isDirectory(dir)) {
        throw new BadInputException(
            "Checkpoint location " + dir + " (" + settingKey + ") is a file, not a directory.");
      }
      if (fs.isDirectory(dir)) {
        for (FileStatus entry : fs.listStatus(dir)) {
          if (NAME.matcher(entry.getPath().getName()).matches() && !isOurs(fs, entry)) {
            throw new BadInputException(
                String.format(
                    "Checkpoint location %s (%s) holds %s, which looks like a checkpoint but holds"
                        + " other files; it would be replaced during training. Choose another"
                        + " directory.",
                    dir, settingKey, entry.getPath().getName()));
          }
        }
      }
      ResolvedPath mine = ResolvedPath.of(fs, dir);
      for (Map.Entry<String, String> p : protectedPaths.entrySet()) {
        Path other = new Path(p.getValue());
        if (mine.overlaps(ResolvedPath.of(other.getFileSystem(conf), other))) {
          throw new BadInputException(
              String.format(
                  "Checkpoint location %s (%s) overlaps %s (%s); checkpoints need a directory of"
                      + " their own.",
                  dir, settingKey, p.getValue(), p.getKey()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check " + dir + " (" + settingKey + "): " + e, e);
    }
  }

  /**
   * The checkpoints of ensemble member {@code m} (from 0): these for the first, so a single network
   * keeps its layout; {@code member-NN/} inside this directory for the others, each kept and
   * cleared like this one.
   */
  Checkpoints member(int m) {
    return m == 0
        ? this
        : new Checkpoints(conf, new Path(dir, String.format("member-%02d", m + 1)), this);
  }

  String location() {
    return dir.toString();
  }

  void save(State state, MultiLayerNetwork network, INDArray bestParams) {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      createMarked(fs);
      Path target = new Path(dir, String.format("epoch-%04d", state.epoch()));
      try (StagingArea staging = StagingArea.open(conf, dir)) {
        Path temp = staging.path(target.getName());
        fs.mkdirs(temp);
        try (OutputStream out = fs.create(new Path(temp, MODEL), false)) {
          ModelSerializer.writeModel(network, out, true);
        }
        if (bestParams != null) {
          try (OutputStream out = fs.create(new Path(temp, BEST), false)) {
            Nd4j.write(out, bestParams);
          }
        }
        try (OutputStream out = fs.create(new Path(temp, STATE), false)) {
          JSON.writeValue(out, state);
        }
        // An epoch written again (a retried run) replaces only a checkpoint of ours.
        staging.publish(temp, target, StagingArea.Publish.replaceIf(Checkpoints::isOurs));
      }
      for (FileStatus s : fs.listStatus(dir)) {
        if (!s.getPath().getName().equals(target.getName()) && isOurs(fs, s)) {
          fs.delete(s.getPath(), true);
        }
      }
      LOG.info("Checkpoint of epoch {} written to {}", state.epoch(), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a checkpoint under " + dir + ": " + e, e);
    }
  }

  /**
   * Creates the directory if it is not there, marked as created here: clear() may then remove the
   * directory itself, never one the user made. A member's creates the run's first, so that one is
   * marked too.
   */
  private void createMarked(FileSystem fs) throws IOException {
    if (run != null) {
      run.createMarked(fs);
    }
    if (!fs.exists(dir)) {
      fs.mkdirs(dir);
      OutputMarker.write(fs, dir, MARKER_STAGE);
    }
  }

  /** The newest complete checkpoint, if any. */
  Optional<Saved> latest() {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.isDirectory(dir)) {
        return Optional.empty();
      }
      List<Path> complete = new ArrayList<>();
      for (FileStatus s : fs.listStatus(dir)) {
        Matcher m = NAME.matcher(s.getPath().getName());
        if (s.isDirectory() && m.matches() && fs.exists(new Path(s.getPath(), STATE))) {
          complete.add(s.getPath());
        }
      }
      if (complete.isEmpty()) {
        return Optional.empty();
      }
      complete.sort((a, b) -> a.getName().compareTo(b.getName()));
      Path newest = complete.get(complete.size() - 1);
      State state;
      try (InputStream in = fs.open(new Path(newest, STATE))) {
        state = JSON.readValue(in, State.class);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw malformed(newest, STATE, e);
      }
      MultiLayerNetwork network;
      try (InputStream in = fs.open(new Path(newest, MODEL))) {
        network = SafeModelZip.read(in, true, "Checkpoint " + newest + ": " + MODEL);
      } catch (java.util.zip.ZipException | ChecksumException e) {
        throw malformed(newest, MODEL, e);
      } catch (RuntimeException e) {
        if (e instanceof BadInputException) {
          throw e;
        }
        // DL4J could not make a network of what it read: the file is not a checkpoint.
        throw malformed(newest, MODEL, e);
      }
      INDArray best = null;
      if (fs.exists(new Path(newest, BEST))) {
        try (InputStream in = fs.open(new Path(newest, BEST))) {
          best = Nd4j.read(in);
        } catch (ChecksumException | RuntimeException e) {
          throw malformed(newest, BEST, e);
        }
      }
      return Optional.of(new Saved(state, network, best));
    } catch (IOException e) {
      // The filesystem failed (a network blip, a lost datanode): worth a retry, so not bad input.
      throw new UncheckedIOException(
          "Cannot read the checkpoints in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A checkpoint file the user's --resume pointed at holds something that is not a checkpoint. */
  private BadInputException malformed(Path checkpoint, String file, Exception e) {
    return new BadInputException(
        String.format(
            "Cannot read the checkpoints in %s: %s in %s is malformed (%s). Remove that directory"
                + " or run without --resume to start over.",
            dir, file, checkpoint.getName(), e.getMessage()),
        e);
  }

  /**
   * Removes the checkpoints this class wrote ({@code epoch-NNNN/} and its own temporary
   * directories, holding nothing but checkpoint files) and then the directory if that left it
   * empty. Anything else in the directory is left alone.
   */
  void clear() {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.isDirectory(dir)) {
        return;
      }
      StagingArea.sweep(conf, dir);
      for (FileStatus s : fs.listStatus(dir)) {
        if (isOurs(fs, s)) {
          fs.delete(s.getPath(), true);
        }
      }
      if (createdHere(fs) && onlyTheMarkerIsLeft(fs)) {
        fs.delete(dir, true);
      }
    } catch (IOException e) {
      LOG.warn("Cannot remove checkpoints {}: {}", dir, e.toString());
    }
  }

  private boolean createdHere(FileSystem fs) throws IOException {
    return OutputMarker.ownedBy(MARKER_STAGE).owns(fs, dir);
  }

  private boolean onlyTheMarkerIsLeft(FileSystem fs) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (!name.equals(OutputMarker.FILE) && !name.equals("." + OutputMarker.FILE + ".crc")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOurs(FileSystem fs, FileStatus entry) throws IOException {
    return isOurs(fs, entry.getPath());
  }

  /** A checkpoint directory holding only the files {@link #save} writes. */
  private static boolean isOurs(FileSystem fs, Path entry) throws IOException {
    if (!fs.getFileStatus(entry).isDirectory() || !NAME.matcher(entry.getName()).matches()) {
      return false;
    }
    for (FileStatus f : fs.listStatus(entry)) {
      String file = f.getPath().getName();
      String plain =
          file.startsWith(".") && file.endsWith(".crc")
              ? file.substring(1, file.length() - ".crc".length())
              : file;
      if (!f.isFile() || !FILES.contains(plain)) {
        return false;
      }
    }
    return true;
  }
}
