package io.imdbrnn.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.config.Task;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.testing.TinyBundle;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle's task comes from its network and its {@code prepare.json} together: when an edited file
 * says one thing and the network computes another, the bundle is refused by name.
 */
class BundleKindTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  @Test
  void aLanguageModelWhoseManifestSaysSentimentIsRefused() {
    Path bundle = TinyBundle.write(dir.resolve("lm"), true, "sentiment");
    assertThatThrownBy(() -> ModelBundle.load(conf, bundle.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(bundle.toString())
        .hasMessageContaining("prepare.json says task classify")
        .hasMessageContaining("its network computes a next-token distribution at every step");
  }

  @Test
  void aClassifierWhoseManifestSaysNextCharIsRefused() {
    Path bundle = TinyBundle.write(dir.resolve("clf"), false, "next-char");
    assertThatThrownBy(() -> ModelBundle.load(conf, bundle.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("prepare.json says task next-char")
        .hasMessageContaining("its network computes a class per text");
  }

  @Test
  void anHonestLanguageModelLoadsAndIsRefusedAsAClassifierNamingBothKinds() {
    Path bundle = TinyBundle.write(dir.resolve("lm"), true, "next-char");
    ModelBundle loaded = ModelBundle.load(conf, bundle.toString());
    assertThat(loaded.task()).isEqualTo(Task.NEXT_CHAR);
    assertThatThrownBy(() -> loaded.requireClassifier(bundle.toString(), "scored"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("was trained for next-char")
        .hasMessageContaining("needs a classify bundle");
  }
}
