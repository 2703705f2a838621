package io.imdbrnn.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.testing.TinyBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** A bundle written and read back without Spark is the same bundle. */
class ModelBundleTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsNetworkVocabularyAndManifests() {
    Path written = TinyBundle.write(dir.resolve("b"));
    ModelBundle a = ModelBundle.load(new Configuration(), written.toString());
    a.write(new Configuration(), dir.resolve("copy").toString());
    ModelBundle b = ModelBundle.load(new Configuration(), dir.resolve("copy").toString());

    assertThat(b.network().params()).isEqualTo(a.network().params());
    assertThat(b.network().getLayerWiseConfigurations().toJson())
        .isEqualTo(a.network().getLayerWiseConfigurations().toJson());
    assertThat(b.vocabulary().words()).isEqualTo(a.vocabulary().words()).contains("great");
    assertThat(b.prepared()).isEqualTo(a.prepared());
    assertThat(b.manifest()).isEqualTo(a.manifest());
    assertThat(b.manifest().network().maxLen()).isEqualTo(TinyBundle.MAX_LEN);
    var input = Nd4j.createFromArray(new float[][] {{0, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 2}});
    assertThat(b.network().output(input)).isEqualTo(a.network().output(input));
  }

  @Test
  void aVocabularyThatDisagreesWithPrepareJsonIsRefused() throws IOException {
    Path b = TinyBundle.write(dir.resolve("b"));
    Files.writeString(b.resolve("vocabulary.tsv"), "0\t<pad>\t0\n1\t<start>\t0\n2\t<oov>\t0\n");
    Files.deleteIfExists(b.resolve(".vocabulary.tsv.crc"));
    assertThatThrownBy(() -> ModelBundle.load(new Configuration(), b.toString()))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessageContaining("does not fit together")
        .hasMessageContaining("vocabulary.tsv lists 3");
  }
}
