package io.imdbrnn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The settings records are the one declaration of every setting: {@code conf/imdb-rnn.conf} is
 * rendered from them, their defaults bind and pass their own checks, and the manifest and resume
 * fingerprint are derived from them with explicit exclusions.
 */
class SettingsSchemaTest {
  private static final Path CONF = Path.of("conf/imdb-rnn.conf");

  @Test
  void confFileIsRenderedFromTheDeclarations() throws IOException {
    String rendered = SettingsSchema.renderHocon();
    if (Boolean.getBoolean("imdbrnn.write-conf")) {
      Files.writeString(CONF, rendered);
    }
    assertThat(Files.readString(CONF))
        .as("conf/imdb-rnn.conf is stale: rerun this test with -Dimdbrnn.write-conf=true")
        .isEqualTo(rendered);
  }

  @Test
  void theConfigurationPageIsRenderedFromTheDeclarations() throws IOException {
    Path page = Path.of("src/site/markdown/configuration.md");
    String rendered = SettingsSchema.renderMarkdown();
    if (Boolean.getBoolean("imdbrnn.write-conf")) {
      Files.writeString(page, rendered);
    }
    assertThat(Files.readString(page))
        .as(page + " is stale: rerun this test with -Dimdbrnn.write-conf=true")
        .isEqualTo(rendered);
  }

  /**
   * The page's default column is what a user would type: given back with --set, it is the default.
   */
  @Test
  void everyDefaultOnThePageReadsBackAsTheDefault() {
    for (String section : SettingsSchema.SECTIONS.keySet()) {
      for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
        if (e.setting().value().equals("\"\"")) {
          continue;
        }
        String shown = SettingsSchema.shownDefault(e.setting());
        Object typed =
            SettingsLoader.load(Optional.empty(), Map.of(e.fullKey(), shown))
                .getValue(e.fullKey())
                .unwrapped();
        Object dflt =
            SettingsLoader.load(Optional.empty(), Map.of()).getValue(e.fullKey()).unwrapped();
        assertThat(String.valueOf(typed))
            .as(e.fullKey() + " shown as " + shown)
            .isEqualTo(String.valueOf(dflt));
      }
    }
  }

  @Test
  void everyDeclarationHasADocAndEveryRangeHoldsItsDefault() {
    for (String section : SettingsSchema.SECTIONS.keySet()) {
      for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
        assertThat(e.setting().doc()).as(e.fullKey()).endsWith(".");
        assertThat(e.help()).as(e.fullKey()).isNotBlank();
      }
    }
    // Binding the defaults (with the required paths given) runs every range check on them.
    assertThat(
            SettingsBinder.builder(TrainSettings.class)
                .set("input", "p")
                .set("output", "m")
                .build()
                .epochs())
        .isEqualTo(10);
  }

  /**
   * A setting added after checkpoints existed is left out of the fingerprint at its default (an
   * older checkpoint trained that way and stays resumable) and is checked once set.
   */
  @Test
  void settingsAddedLaterEnterTheFingerprintOnlyWhenSet() {
    TrainSettings plain =
        SettingsBinder.builder(TrainSettings.class).set("input", "p").set("output", "m").build();
    assertThat(SettingsSchema.fingerprintValues(plain))
        .containsKey("train.dropout")
        .doesNotContainKeys(
            "train.class-weights",
            "train.word-vectors",
            "train.word-vectors-trainable",
            "train.word-dropout",
            "train.label-fraction",
            "train.embedding-init-range",
            "train.ensemble-own-validation",
            "train.conv-width");
    TrainSettings set =
        train(
            "class-weights",
            "balanced",
            "word-vectors",
            "v.txt",
            "word-vectors-trainable",
            false,
            "word-dropout",
            0.1,
            "label-fraction",
            0.25);
    assertThat(SettingsSchema.fingerprintValues(set))
        .containsEntry("train.class-weights", "balanced")
        .containsEntry("train.word-vectors", "v.txt")
        .containsEntry("train.word-vectors-trainable", false)
        .containsEntry("train.word-dropout", 0.1)
        .containsEntry("train.label-fraction", 0.25);
    // Every setting is in the manifest, at its default too.
    assertThat(SettingsSchema.manifestValues(plain))
        .containsEntry("train.word-dropout", 0.0)
        .containsEntry("train.label-fraction", 1.0);
  }

  @Test
  void theNetworkShapeSettingsAreInTheResumeFingerprint() {
    TrainSettings gru = train("cell", "gru", "bidirectional", true, "layers", 2, "dropout", 0.25);
    assertThat(SettingsSchema.fingerprintValues(gru))
        .containsEntry("train.cell", "gru")
        .containsEntry("train.bidirectional", true)
        .containsEntry("train.layers", 2)
        .containsEntry("train.dropout", 0.25);
  }

  @Test
  void bindingNamesTheKeyTheValueAndTheRule() {
    assertThatThrownBy(() -> train("epochs", 1.5))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessage("Cannot set train.epochs to 1.5: the value must be a whole number.");
    assertThatThrownBy(() -> train("cell", "elman"))
        .hasMessage(
            "Cannot set train.cell to 'elman': the value must be one of simple-rnn, simple-rnn-stock,"
                + " lstm, lstm-stock, gru, cnn.");
    assertThatThrownBy(() -> train("cell", "cnn"))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessage(
            "Cannot set train.cell = cnn with train.pooling = last: a convolution has no last"
                + " state. Set train.pooling to max, mean or max-mean.");
    assertThatThrownBy(() -> train("cell", "cnn", "pooling", "max", "bidirectional", true))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessageContaining("train.cell = cnn");
    assertThatThrownBy(() -> train("cell", "cnn", "pooling", "max", "conv-width", 0))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessageContaining("train.conv-width");
    assertThatThrownBy(() -> train("bidirectional", true))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessage(
            "Cannot set train.bidirectional = true with train.cell = simple-rnn: only lstm and gru"
                + " have a backward direction.");
    assertThatThrownBy(() -> train("dropout", 0.95))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessageContaining("train.dropout");
    assertThatThrownBy(() -> train("learning-rate", 0))
        .hasMessage(
            "Cannot set train.learning-rate to 0.0: the value must be above 0 and at most 1.0.");
    assertThatThrownBy(() -> SettingsBinder.builder(TrainSettings.class).set("output", "m").build())
        .hasMessageContaining("Setting train.input is required");
    assertThat(train("cell", "SIMPLE-RNN-STOCK").cell()).isEqualTo(Cell.SIMPLE_RNN_STOCK);
  }

  @Test
  void fingerprintAndManifestCoverEverySettingNotExplicitlyLeftOut() {
    TrainSettings s =
        SettingsBinder.builder(TrainSettings.class).set("input", "p").set("output", "m").build();
    Map<String, Object> fingerprint = SettingsSchema.fingerprintValues(s);
    java.util.List<String> all =
        SettingsSchema.entries("train").stream().map(SettingsSchema.Entry::fullKey).toList();
    assertThat(all.stream().filter(k -> !fingerprint.containsKey(k)))
        .containsExactlyInAnyOrder(
            "train.output",
            "train.epochs",
            "train.workers",
            "train.early-stopping-patience",
            "train.early-stopping-metric",
            "train.restore-best",
            "train.checkpoint-dir",
            "train.resume",
            "train.overwrite",
            // Each member checks its own seed; members may be added on resume.
            "train.ensemble-size",
            // Added later, and at their defaults here:
            "train.class-weights",
            "train.word-vectors",
            "train.init-from",
            "train.word-vectors-trainable",
            "train.freeze-epochs",
            "train.word-dropout",
            "train.label-fraction",
            "train.embedding-init-range",
            "train.ensemble-own-validation",
            "train.conv-width");
    assertThat(fingerprint)
        .containsEntry("train.cell", "simple-rnn")
        .containsEntry("train.input", "p")
        .doesNotContainKey("train.epochs");
    Map<String, Object> manifest = SettingsSchema.manifestValues(s);
    assertThat(all.stream().filter(k -> !manifest.containsKey(k)))
        .containsExactlyInAnyOrder(
            "train.input",
            "train.output",
            "train.checkpoint-dir",
            "train.resume",
            "train.overwrite");
    assertThat(manifest).containsEntry("train.epochs", 10);
  }

  @Test
  void theDefaultsAreWhatTheLoaderUses() {
    assertThat(SettingsLoader.load(Optional.empty(), Map.of()).getInt("prepare.max-len"))
        .isEqualTo(500);
    assertThat(SettingsLoader.knownKeys()).contains("train.bucket-pool-batches", "run.work-dir");
  }

  /** Train settings with an input, an output and these keys and values. */
  private static TrainSettings train(Object... keysAndValues) {
    SettingsBinder.Builder<TrainSettings> builder =
        SettingsBinder.builder(TrainSettings.class).set("input", "p").set("output", "m");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      builder.set((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return builder.build();
  }
}
