package io.imdbrnn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A small dataset in the aclImdb layout, written from hand-made phrases (no review of the real
 * dataset is used). Positive reviews lean on praise words, negative ones on complaints, with shared
 * filler so the vocabulary has frequent neutral words too.
 */
public final class SyntheticReviews {
  private static final String[] PRAISE = {
    "wonderful",
    "brilliant",
    "moving",
    "superb acting",
    "a joy to watch",
    "beautifully shot",
    "I loved it"
  };
  private static final String[] COMPLAINT = {
    "boring",
    "awful",
    "a waste of time",
    "terrible acting",
    "painfully slow",
    "I hated it",
    "badly written"
  };
  private static final String[] FILLER = {
    "the film",
    "this movie",
    "the story",
    "the director's cut",
    "the second half",
    "my friends and I"
  };

  private final Map<String, String> files = new LinkedHashMap<>();

  /** {@code perLabel} reviews in each of train/pos, train/neg, test/pos, test/neg. */
  public static SyntheticReviews of(int perLabel, long seed) {
    SyntheticReviews reviews = new SyntheticReviews();
    Random random = new Random(seed);
    int id = 0;
    for (String split : new String[] {"train", "test"}) {
      for (String label : new String[] {"pos", "neg"}) {
        for (int i = 0; i < perLabel; i++) {
          int rating = label.equals("pos") ? 7 + random.nextInt(4) : 1 + random.nextInt(4);
          String text = review(label.equals("pos") ? PRAISE : COMPLAINT, random);
          reviews.files.put(split + "/" + label + "/" + id++ + "_" + rating + ".txt", text);
        }
      }
    }
    return reviews;
  }

  private static String review(String[] words, Random random) {
    StringBuilder sb = new StringBuilder();
    int sentences = 1 + random.nextInt(4);
    for (int s = 0; s < sentences; s++) {
      sb.append(capitalize(FILLER[random.nextInt(FILLER.length)]))
          .append(" was ")
          .append(words[random.nextInt(words.length)])
          .append(random.nextBoolean() ? ", really " + words[random.nextInt(words.length)] : "")
          .append(". ");
      if (random.nextInt(3) == 0) {
        sb.append("<br /><br />");
      }
    }
    return sb.toString().strip();
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Layout path ({@code train/pos/0_9.txt}) to text. */
  public Map<String, String> files() {
    return files;
  }

  public SyntheticReviews put(String layoutPath, String text) {
    files.put(layoutPath, text);
    return this;
  }

  public int size() {
    return files.size();
  }

  public Path writeDirectory(Path root) {
    files.forEach(
        (path, text) -> writeFile(root.resolve(path), text.getBytes(StandardCharsets.UTF_8)));
    return root;
  }

  public static void writeFile(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
