package io.imdbrnn.bench;

import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.ingest.IngestJob;
import io.imdbrnn.pipeline.PrepareJob;
import io.imdbrnn.runtime.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Times ingest and prepare on the full archive inside one warm Spark application (no JVM or session
 * start-up in the figures), several times, and prints a table with the medians. Not a test: the
 * numbers depend on the machine. Run with src/bench/run.sh.
 *
 * <p>Arguments: archive [repetitions=3]
 */
public final class IngestPrepareBench {
  private IngestPrepareBench() {}

  private record Timing(double ingest, double prepare) {
    double total() {
      return ingest + prepare;
    }
  }

  public static void main(String[] args) throws IOException {
    String archive = args.length > 0 ? args[0] : "../shared/data/aclImdb-labeled.tar.gz";
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work = Files.createTempDirectory("imdb-rnn-bench");
    List<Timing> timings = new ArrayList<>();
    SparkSession spark = SparkSessions.getOrCreate("imdb-rnn bench");
    try {
      for (int i = 0; i < reps; i++) {
        String reviews = work.resolve("reviews-" + i).toString();
        String prepared = work.resolve("prepared-" + i).toString();
        long t0 = System.nanoTime();
        new IngestJob(
                spark,
                io.imdbrnn.testing.IngestSettingsFor.of(
                    archive, reviews, MalformedMode.FAILFAST, 1 << 20, 0, false))
            .execute();
        long t1 = System.nanoTime();
        new PrepareJob(spark, PrepareSettings.words(reviews, prepared, 10_000, 500, false))
            .execute();
        long t2 = System.nanoTime();
        timings.add(new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9));
      }
    } finally {
      spark.stop();
      deleteRecursively(work);
    }
    System.out.printf(
        "%nimdb-rnn ingest + prepare, %s, %d cores, master %s%n",
        archive, Runtime.getRuntime().availableProcessors(), spark.sparkContext().master());
    System.out.println("| run | ingest s | prepare s | total s | reviews/s |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (int i = 0; i < timings.size(); i++) {
      Timing t = timings.get(i);
      System.out.printf(
          "| %d | %.1f | %.1f | %.1f | %,.0f |%n",
          i + 1, t.ingest(), t.prepare(), t.total(), 50_000 / t.total());
    }
    Timing median =
        timings.stream()
            .sorted(Comparator.comparingDouble(Timing::total))
            .toList()
            .get(timings.size() / 2);
    System.out.printf(
        "| median | %.1f | %.1f | %.1f | %,.0f |%n",
        median.ingest(), median.prepare(), median.total(), 50_000 / median.total());
    System.out.println("(run 1 includes JIT warm-up)");
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
