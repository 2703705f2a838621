package io.imdbrnn.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a CSV ({@code id,text,label}) of labeled short texts for the data-size bench's many-class
 * mode: {@code rows} texts of {@code classes} classes, the classes about equally frequent. A text
 * is 10 words: 8 drawn from 2,000 common words and 2 of its class's 3 own words, one of them
 * replaced by another class's in 1 text of 10, so the task is learnable but not trivially. The same
 * arguments give the same file. Not shipped; run by src/bench/datasize.sh.
 *
 * <p>Arguments: output.csv rows classes seed
 */
public final class SyntheticTexts {
  private static final int COMMON_WORDS = 2_000;
  private static final int WORDS = 10;

  private SyntheticTexts() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("Usage: SyntheticTexts output.csv rows classes seed");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long rows = Long.parseLong(args[1]);
    int classes = Integer.parseInt(args[2]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
    String labelFormat = "class-%0" + String.valueOf(classes - 1).length() + "d";
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("id,text,label\n");
      StringBuilder line = new StringBuilder(128);
      for (long i = 0; i < rows; i++) {
        int c = random.nextInt(classes);
        int own = random.nextInt(WORDS);
        int other = random.nextInt(10) == 0 ? random.nextInt(WORDS) : -1;
        line.setLength(0);
        line.append('t').append(i).append(',');
        for (int k = 0; k < WORDS; k++) {
          if (k > 0) {
            line.append(' ');
          }
          if (k == own) {
            line.append('k').append(c).append('x').append(random.nextInt(3));
          } else if (k == other) {
            line.append('k').append(random.nextInt(classes)).append('x').append(random.nextInt(3));
          } else if (k == (own + 5) % WORDS) {
            line.append('k').append(c).append('x').append(random.nextInt(3));
          } else {
            line.append('w').append(random.nextInt(COMMON_WORDS));
          }
        }
        line.append(',').append(String.format(labelFormat, c)).append('\n');
        w.append(line);
      }
    }
  }
}
