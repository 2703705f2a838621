package io.imdbrnn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.SparkTestBase;
import java.time.Duration;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Progress counts the jobs of the work it watches, and only those, and says so in one line. */
class JobProgressTest extends SparkTestBase {
  @Test
  void countsOnlyTheJobsWhoseStagesBearTheName() throws Exception {
    SparkContext sc = spark.sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    try (JobProgress p =
        new JobProgress(sc, "test", "unit of work", "pass", 3, 10, "texts", Duration.ZERO)
            .start()) {
      for (int i = 0; i < 2; i++) {
        sc.setCallSite("unit of work " + i);
        jsc.parallelize(List.of(1, 2, 3), 2).count();
      }
      sc.clearCallSite();
      jsc.parallelize(List.of(1, 2, 3), 2).count();
      // Listener events arrive on Spark's bus thread, after the job has returned.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (p.done() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      assertThat(p.done()).isEqualTo(2);
    }
  }

  @Test
  void theLineSaysWhereTheWorkIsItsRateAndTheTimeLeft() {
    JobProgress p =
        new JobProgress(
                spark.sparkContext(),
                "word-vectors: learning",
                "x",
                "pass",
                10,
                100,
                "texts",
                Duration.ZERO)
            .start();
    p.close();
    assertThat(p.line(3, 30.0))
        .isEqualTo("word-vectors: learning: pass 3 of 10 (30 %), 10 texts/s, ETA 0:01:10");
    assertThat(JobProgress.duration(3725.4)).isEqualTo("1:02:05");
  }
}
