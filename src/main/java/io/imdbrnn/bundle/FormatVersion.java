package io.imdbrnn.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.JsonFiles;
import java.io.IOException;
import java.io.InputStream;

/**
 * The format check of every file this program reads back: a file written by a newer version may
 * mean something this one cannot know, so it is refused with a message that says so, not half read.
 */
public final class FormatVersion {
  private FormatVersion() {}

  /**
   * Reads a JSON file of ours: its {@code formatVersion} (absent: 0, a file older than the field)
   * is checked before the rest is bound, so a newer file is refused for what it is rather than for
   * a field this version does not know.
   */
  public static <T> T read(InputStream in, Class<T> type, int readable, String what)
      throws IOException {
    return read(in, type, readable, what, tree -> {});
  }

  /**
   * As {@link #read(InputStream, Class, int, String)}, with {@code upgrade} given the checked tree
   * first, to move what an older format kept elsewhere to where this one binds it.
   */
  public static <T> T read(
      InputStream in,
      Class<T> type,
      int readable,
      String what,
      java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> upgrade)
      throws IOException {
    JsonNode tree = JsonFiles.MAPPER.readTree(in);
    if (tree == null || !tree.isObject()) {
      throw new BadInputException(what + " is not a JSON object.");
    }
    JsonNode version = tree.get("formatVersion");
    if (version != null && !version.isNull() && !version.canConvertToExactIntegral()) {
      throw new BadInputException(what + " has an invalid format version " + version + ".");
    }
    require(version == null || version.isNull() ? 0 : version.asInt(), readable, what);
    upgrade.accept((com.fasterxml.jackson.databind.node.ObjectNode) tree);
    return JsonFiles.MAPPER.treeToValue(tree, type);
  }

  /**
   * @param found the file's {@code formatVersion} (0 for files written before the field existed)
   * @param readable the newest format this version reads
   * @param what the file, for the message
   */
  public static void require(int found, int readable, String what) {
    if (found > readable) {
      throw new BadInputException(
          String.format(
              "%s has format version %d, written by a newer imdb-rnn-spark; this version reads"
                  + " formats up to %d. Use the newer version to read it.",
              what, found, readable));
    }
    if (found < 0) {
      throw new BadInputException(what + " has an invalid format version " + found + ".");
    }
  }
}
