package io.imdbrnn.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.DataDigest;
import io.imdbrnn.testing.TinyBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One typed provenance record, format versions checked, older manifests still read. */
class ProvenanceTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  @Test
  void aBundleRecordsTheMachineTheKernelsAndTheVersionsLoadedAtRunTime() {
    Path b = TinyBundle.write(dir.resolve("b"));
    Provenance p = ModelBundle.load(conf, b.toString()).manifest().provenance();
    assertThat(p.arch()).isEqualTo(System.getProperty("os.arch"));
    assertThat(p.kernels()).isIn("simd", "scalar");
    assertThat(p.jvm()).contains(System.getProperty("java.runtime.version"));
    // Read from the jar's own pom.properties, not typed in.
    assertThat(p.versions().get("deeplearning4j")).isEqualTo("1.0.0-M2");
    assertThat(p.versions().get("nd4j")).isEqualTo("1.0.0-M2");
    assertThat(p.versions()).containsKeys("spark", "hadoop", "java");
  }

  @Test
  void aManifestOfANewerFormatIsRefusedWithTheReasonAndAnOlderOneIsStillRead() throws Exception {
    Path b = TinyBundle.write(dir.resolve("b"));
    Path manifest = b.resolve(ModelBundle.MANIFEST);
    String current = Files.readString(manifest);
    // Written by hand here, as another version would write it: no Hadoop checksum beside it.
    Files.delete(b.resolve("." + ModelBundle.MANIFEST + ".crc"));
    Files.writeString(
        manifest,
        current.replace(
            "\"formatVersion\" : " + BundleManifest.FORMAT_VERSION, "\"formatVersion\" : 99"));
    assertThatThrownBy(() -> ModelBundle.load(conf, b.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("format version 99, written by a newer imdb-rnn-spark")
        .hasMessageContaining(ModelBundle.MANIFEST);

    // Format 1: provenance fields at the top level.
    Files.writeString(
        manifest,
        """
        {"formatVersion": 1, "modelId": "tiny",
         "settings": {"train.epochs": 3}, "network": %s,
         "preparedInput": "old/prepared", "rows": {}, "epochsRun": 3, "bestEpoch": 3,
         "validation": {}, "startedAt": "2026-01-01T00:00:00Z", "endedAt": "2026-01-01T00:01:00Z",
         "codeVersion": "0.0.9", "versions": {"spark": "3.5.1"}}
        """
            .formatted(io.imdbrnn.fs.JsonFiles.MAPPER.readTree(current).get("network")));
    Provenance old = ModelBundle.load(conf, b.toString()).manifest().provenance();
    assertThat(old.settings()).containsEntry("train.epochs", 3);
    assertThat(old.input()).isEqualTo("old/prepared");
    assertThat(old.codeVersion()).isEqualTo("0.0.9");
    assertThat(old.arch()).isNull();
  }

  @Test
  void aBaselineManifestOfTheUntypedFormatIsStillReadAndANewerOneRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("baseline"));
    Path file = out.resolve(io.imdbrnn.baseline.BaselineManifest.FILE);
    Files.writeString(
        file,
        """
        {"modelId": "baseline-1", "model": "TF-IDF", "settings": {"baseline.max-iter": 20},
         "input": "work/reviews", "startedAt": "a", "endedAt": "b", "codeVersion": "0.0.9",
         "versions": {"spark": "3.5.1"}}
        """);
    var old = io.imdbrnn.baseline.BaselineManifest.find(conf, out.toString()).orElseThrow();
    assertThat(old.modelId()).isEqualTo("baseline-1");
    assertThat(old.provenance().input()).isEqualTo("work/reviews");
    assertThat(old.provenance().settings()).containsEntry("baseline.max-iter", 20);
    Files.writeString(file, "{\"formatVersion\": 7, \"modelId\": \"x\"}");
    assertThatThrownBy(() -> io.imdbrnn.baseline.BaselineManifest.find(conf, out.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("format version 7");
  }

  @Test
  void aPointerOrPreparedManifestOfANewerFormatIsRefusedNamingTheFile() throws Exception {
    Path registry = Files.createDirectories(dir.resolve("registry"));
    Files.writeString(
        registry.resolve(ChampionPointer.FILE),
        "{\"formatVersion\": 5, \"modelId\": \"m\", \"decisionId\": \"d\"}");
    assertThatThrownBy(() -> ModelLocation.champion(conf, registry.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(ChampionPointer.FILE)
        .hasMessageContaining("format version 5, written by a newer imdb-rnn-spark");
    Files.writeString(
        registry.resolve(ChampionPointer.FILE), "{\"formatVersion\": \"two\", \"modelId\": \"m\"}");
    assertThatThrownBy(() -> ModelLocation.champion(conf, registry.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("invalid format version");

    Path prepared = Files.createDirectories(dir.resolve("prepared"));
    Files.writeString(prepared.resolve(PreparedManifest.FILE), "{\"formatVersion\": 3}");
    assertThatThrownBy(() -> PreparedManifest.read(conf, prepared.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(PreparedManifest.FILE)
        .hasMessageContaining("format version 3");
    // Nothing the reads touched was changed.
    assertThat(registry.resolve(ChampionPointer.FILE))
        .hasContent("{\"formatVersion\": \"two\", \"modelId\": \"m\"}");
  }

  @Test
  void theDataDigestFollowsTheDataNotItsPlace() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a/tokens"));
    Files.writeString(a.resolve("part-0.parquet"), "rows");
    Files.writeString(dir.resolve("a/prepare.json"), "{\"rows\": 1}");
    Files.writeString(a.resolve("_SUCCESS"), "");
    Path copy = Files.createDirectories(dir.resolve("copy/tokens"));
    Files.writeString(copy.resolve("part-0.parquet"), "rows");
    Files.writeString(dir.resolve("copy/prepare.json"), "{\"rows\": 1}");
    String digest = DataDigest.of(conf, dir.resolve("a").toString());
    assertThat(digest)
        .startsWith("sha256:")
        .isEqualTo(DataDigest.of(conf, dir.resolve("copy").toString()));

    Files.writeString(dir.resolve("copy/prepare.json"), "{\"rows\": 2}");
    assertThat(DataDigest.of(conf, dir.resolve("copy").toString())).isNotEqualTo(digest);
    Files.writeString(dir.resolve("copy/prepare.json"), "{\"rows\": 1}");
    Files.writeString(copy.resolve("part-1.parquet"), "more");
    assertThat(DataDigest.of(conf, dir.resolve("copy").toString())).isNotEqualTo(digest);
  }
}
