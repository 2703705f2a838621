package io.imdbrnn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  private static final Map<String, Object> PATHS =
      Map.of(
          "prepare.input",
          "in",
          "prepare.output",
          "out",
          "ingest.input",
          "a",
          "ingest.output",
          "b");

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("settings.conf"), text);
  }

  @Test
  void theShortTextsRecipeBindsAndLeavesTheRestAtTheDefaults() {
    com.typesafe.config.Config c =
        SettingsLoader.load(
            Optional.of(Path.of("conf/short-texts.conf")),
            Map.of(
                "train.input",
                "p",
                "train.output",
                "m",
                "prepare.input",
                "r",
                "prepare.output",
                "p"));
    TrainSettings t = io.imdbrnn.config.SettingsBinder.bind(TrainSettings.class, c);
    assertThat(t.cell()).isEqualTo(Cell.GRU);
    assertThat(t.bidirectional()).isTrue();
    assertThat(t.workers()).isEqualTo(1);
    assertThat(t.learningRateDecay())
        .isEqualTo(
            io.imdbrnn.config.SettingsBinder.bind(
                    TrainSettings.class,
                    SettingsLoader.load(
                        Optional.empty(), Map.of("train.input", "p", "train.output", "m")))
                .learningRateDecay());
    assertThat(io.imdbrnn.config.SettingsBinder.bind(PrepareSettings.class, c).maxLen())
        .isEqualTo(40);
  }

  @Test
  void defaultsComeFromTheConfFile() throws IOException {
    String conf = Files.readString(Path.of("conf/imdb-rnn.conf"));
    PrepareSettings s =
        io.imdbrnn.config.SettingsBinder.bind(
            PrepareSettings.class, SettingsLoader.load(Optional.empty(), PATHS));
    assertThat(conf).contains("vocab-size = 10000").contains("max-len = 500");
    assertThat(s.vocabSize()).isEqualTo(10_000);
    assertThat(s.maxLen()).isEqualTo(500);
    assertThat(s.overwrite()).isFalse();
    IngestSettings i =
        io.imdbrnn.config.SettingsBinder.bind(
            IngestSettings.class, SettingsLoader.load(Optional.empty(), PATHS));
    assertThat(i.mode()).isEqualTo(MalformedMode.FAILFAST);
    assertThat(i.maxReviewBytes()).isEqualTo(1_048_576);
  }

  @Test
  void commandLineBeatsFileBeatsDefaults() throws IOException {
    Path f = file("prepare { max-len = 200, vocab-size = 5000 }\ningest.mode = dropmalformed\n");
    Config c =
        SettingsLoader.load(
            Optional.of(f),
            Map.of("prepare.max-len", "100", "prepare.input", "in", "prepare.output", "out"));
    PrepareSettings s = io.imdbrnn.config.SettingsBinder.bind(PrepareSettings.class, c);
    assertThat(s.maxLen()).isEqualTo(100);
    assertThat(s.vocabSize()).isEqualTo(5000);
    assertThat(c.getString("ingest.mode")).isEqualTo("dropmalformed");
  }

  @Test
  void unknownKeyInFileIsAnErrorWithASuggestion() throws IOException {
    Path f = file("prepare.vocab_size = 5000\n");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(f), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Unknown setting prepare.vocab_size in config file "
                + f
                + " (did you mean prepare.vocab-size?)")
        .hasMessageContaining("Known settings: baseline.input")
        .hasMessageContaining(" ingest.input,");
  }

  @Test
  void unknownKeyOnCommandLineIsAnError() {
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("train.epochz", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Unknown setting train.epochz in command line (did you mean train.epochs?)");
  }

  @Test
  void missingOrBrokenFileIsNamed() throws IOException {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(missing), Map.of()))
        .hasMessage("Config file " + missing + " does not exist or is not a regular file.");
    Path broken = file("prepare { max-len = ");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(broken), Map.of()))
        .hasMessageStartingWith("Cannot read config file " + broken);
  }

  @Test
  void outOfRangeValuesNameKeyValueAndRule() {
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    PrepareSettings.class,
                    SettingsLoader.load(Optional.empty(), with("prepare.vocab-size", 3))))
        .hasMessage("Cannot set prepare.vocab-size to 3: the value must be from 4 to 10000000.");
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    PrepareSettings.class,
                    SettingsLoader.load(Optional.empty(), with("prepare.max-len", 0))))
        .hasMessage("Cannot set prepare.max-len to 0: the value must be from 1 to 100000.");
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    IngestSettings.class,
                    SettingsLoader.load(Optional.empty(), with("ingest.max-review-bytes", 0))))
        .hasMessage(
            "Cannot set ingest.max-review-bytes to 0: the value must be from 1 to 67108864.");
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    IngestSettings.class,
                    SettingsLoader.load(Optional.empty(), with("ingest.partitions", -1))))
        .hasMessage("Cannot set ingest.partitions to -1: the value must be from 0 to 100000.");
  }

  @Test
  void wrongTypesAndEnumValuesAreExplained() {
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    PrepareSettings.class,
                    SettingsLoader.load(Optional.empty(), with("prepare.max-len", "long"))))
        .hasMessage("Cannot set prepare.max-len to \"long\": the value must be a whole number.");
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    IngestSettings.class,
                    SettingsLoader.load(Optional.empty(), with("ingest.mode", "permissive"))))
        .hasMessage(
            "Cannot set ingest.mode to 'permissive': the value must be one of failfast, dropmalformed.");
  }

  @Test
  void pathsAreRequired() {
    assertThatThrownBy(
            () ->
                io.imdbrnn.config.SettingsBinder.bind(
                    PrepareSettings.class,
                    SettingsLoader.load(Optional.empty(), Map.of("prepare.output", "o"))))
        .hasMessage(
            "Setting prepare.input is required: give it in the config file or on the command line.");
  }

  private static Map<String, Object> with(String key, Object value) {
    var m = new java.util.HashMap<String, Object>(PATHS);
    m.put(key, value);
    return m;
  }
}
