package io.imdbrnn.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.StagingArea;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocationTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  @Test
  void aBundleIsItselfAndARegistryIsItsChampion() throws Exception {
    assertThat(ModelLocation.resolve(conf, dir.toString())).isEqualTo(dir.toString());
    Files.writeString(
        dir.resolve(ChampionPointer.FILE),
        "{\"modelId\": \"abc-1\", \"decisionId\": \"d\", \"previous\": [\"abc-0\"]}");
    assertThat(ModelLocation.resolve(conf, dir + "/")).isEqualTo(dir + "/models/abc-1");
    assertThat(ModelLocation.champion(conf, dir.toString()).orElseThrow().previous())
        .containsExactly("abc-0");
  }

  @Test
  void aPointerThatCouldLeaveTheRegistryOrDoesNotParseIsBadInput() throws Exception {
    Files.writeString(dir.resolve(ChampionPointer.FILE), "{\"modelId\": \"../../etc\"}");
    assertThatThrownBy(() -> ModelLocation.resolve(conf, dir.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("'../../etc'")
        .hasMessageContaining("not a safe directory name");
    Files.writeString(
        dir.resolve(ChampionPointer.FILE),
        "{\"modelId\": \"ok\", \"decisionId\": \"d\", \"previous\": [\"a/b\"]}");
    assertThatThrownBy(() -> ModelLocation.resolve(conf, dir.toString()))
        .hasMessageContaining("'a/b'");
    // The decision id names a file of the decision log: it is checked like a model id.
    Files.writeString(
        dir.resolve(ChampionPointer.FILE),
        "{\"modelId\": \"ok\", \"decisionId\": \"../../../escape\"}");
    assertThatThrownBy(() -> ModelLocation.resolve(conf, dir.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("'../../../escape'");
    Files.writeString(dir.resolve(ChampionPointer.FILE), "{\"modelId\": ");
    assertThatThrownBy(() -> ModelLocation.resolve(conf, dir.toString()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("unreadable champion.json");
  }

  @Test
  void thePointerIsReplacedWholeAndLeavesNoTemporaryFileOrChecksum() throws Exception {
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(dir.resolve(ChampionPointer.FILE).toString());
    for (String id : List.of("first", "second")) {
      StagingArea.swapFile(
          conf,
          file,
          io.imdbrnn.fs.JsonFiles.MAPPER.writeValueAsString(
              new ChampionPointer(
                  ChampionPointer.FORMAT_VERSION,
                  id,
                  "d-" + id,
                  "now",
                  List.of(),
                  Map.of("k", "v"),
                  null)));
      assertThat(ModelLocation.champion(conf, dir.toString()).orElseThrow().modelId())
          .isEqualTo(id);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ChampionPointer.FILE);
    }
  }
}
