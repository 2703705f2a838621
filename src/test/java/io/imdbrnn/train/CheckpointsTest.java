package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.config.Cell;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointsTest {
  @TempDir Path dir;

  private static MultiLayerNetwork trainedNetwork() {
    MultiLayerNetwork net =
        NetworkFactory.create(new NetworkSpec(Cell.SIMPLE_RNN, 30, 6, 4, 5, 1e-2, 3, false));
    net.fit(
        Nd4j.createFromArray(new float[][] {{0, 1, 2, 3, 4, 5}, {9, 8, 7, 6, 5, 4}}),
        Nd4j.createFromArray(new float[][] {{1}, {0}}));
    return net;
  }

  private static Checkpoints.State state(int epoch, boolean stopped) {
    List<EpochProgress> history =
        java.util.stream.IntStream.rangeClosed(1, epoch)
            .mapToObj(e -> new EpochProgress(e, 5, 0.6, 0.5 - e / 100.0, 0.7, 100, 1.5, 1.5 * e))
            .toList();
    return new Checkpoints.State(epoch, stopped, 1, 0.49, 0.71, history, Map.of("train.seed", 42));
  }

  @Test
  void newestCompleteCheckpointComesBackWithNetworkUpdaterAndState() {
    Checkpoints checkpoints = new Checkpoints(new Configuration(), dir.resolve("cp").toString());
    assertThat(checkpoints.latest()).isEmpty();
    MultiLayerNetwork net = trainedNetwork();
    checkpoints.save(state(1, false), net, null);
    var best = Nd4j.rand(DataType.FLOAT, 1, 5);
    checkpoints.save(state(2, true), net, best);

    Checkpoints.Saved saved = checkpoints.latest().orElseThrow();
    assertThat(saved.state().epoch()).isEqualTo(2);
    assertThat(saved.state().stopped()).isTrue();
    assertThat(saved.state().history()).hasSize(2);
    assertThat(saved.state().best()).isEqualTo(new TrainingTask.Validation(0.49, 0.71));
    assertThat(saved.state().history().get(1)).isEqualTo(state(2, true).history().get(1));
    assertThat(saved.state().fingerprint()).containsEntry("train.seed", 42);
    assertThat(saved.network().params()).isEqualTo(net.params());
    assertThat(saved.network().getUpdater().getStateViewArray())
        .isEqualTo(net.getUpdater().getStateViewArray());
    assertThat(saved.network().getIterationCount()).isEqualTo(net.getIterationCount());
    assertThat(saved.bestParams()).isEqualTo(best);
    // Only the newest checkpoint is kept.
    assertThat(dir.resolve("cp")).isDirectoryContaining("glob:**/epoch-0002");
    assertThat(dir.resolve("cp").resolve("epoch-0001")).doesNotExist();

    checkpoints.clear();
    assertThat(dir.resolve("cp")).doesNotExist();
  }

  @Test
  void anEnsemblesMembersKeepTheirOwnCheckpointsAndAreClearedWithTheRun() {
    Checkpoints first = new Checkpoints(new Configuration(), dir.resolve("cp").toString());
    assertThat(first.member(0)).isSameAs(first);
    Checkpoints second = first.member(1);
    MultiLayerNetwork net = trainedNetwork();
    second.save(state(3, true), net, null);
    // The first member's checkpoints move on without touching the second's, and the reverse.
    first.save(state(1, false), net, null);
    first.save(state(2, false), net, null);
    assertThat(second.latest().orElseThrow().state().epoch()).isEqualTo(3);
    assertThat(first.latest().orElseThrow().state().epoch()).isEqualTo(2);
    assertThat(dir.resolve("cp").resolve("member-02").resolve("epoch-0003")).isDirectory();

    second.clear();
    first.clear();
    assertThat(dir.resolve("cp")).doesNotExist();
  }

  @Test
  void halfWrittenCheckpointsAreIgnored() throws Exception {
    Checkpoints checkpoints = new Checkpoints(new Configuration(), dir.resolve("cp").toString());
    checkpoints.save(state(2, false), trainedNetwork(), null);
    // What a process killed while writing leaves behind: a temporary directory, and a checkpoint
    // directory without its state file.
    Files.createDirectories(dir.resolve("cp").resolve(".epoch-3-1234.tmp"));
    Files.createDirectories(dir.resolve("cp").resolve("epoch-0003"));
    Files.writeString(dir.resolve("cp").resolve("epoch-0003").resolve("model.zip"), "partial");
    assertThat(checkpoints.latest().orElseThrow().state().epoch()).isEqualTo(2);
  }

  @Test
  void unreadableCheckpointIsANamedError() throws Exception {
    Path cp = dir.resolve("cp");
    Files.createDirectories(cp.resolve("epoch-0001"));
    Files.writeString(cp.resolve("epoch-0001").resolve("state.json"), "{not json");
    assertThatThrownBy(() -> new Checkpoints(new Configuration(), cp.toString()).latest())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot read the checkpoints in " + cp);
  }

  @Test
  void onlyCheckpointsThisClassWroteAreEverDeleted() throws Exception {
    // A checkpoint directory a user pointed at a folder that already holds their own files,
    // including look-alikes: a folder named like a checkpoint but holding something else.
    Path cp = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(cp.resolve("notes.txt"), "mine");
    Files.createDirectories(cp.resolve("data/epoch-0001"));
    Files.createDirectories(cp.resolve("epoch-0009"));
    Files.writeString(cp.resolve("epoch-0009").resolve("thesis.tex"), "mine too");
    var before = io.imdbrnn.testing.FileTree.snapshot(cp);

    Checkpoints checkpoints = new Checkpoints(new Configuration(), cp.toString());
    MultiLayerNetwork net = trainedNetwork();
    checkpoints.save(state(1, false), net, null);
    checkpoints.save(state(2, false), net, null);
    assertThat(cp.resolve("epoch-0001")).doesNotExist();
    assertThat(cp.resolve("epoch-0002")).isDirectory();
    checkpoints.clear();

    assertThat(io.imdbrnn.testing.FileTree.snapshot(cp)).isEqualTo(before);
    assertThat(cp).isDirectory();
    // Training would reach epoch 9 and replace the look-alike: refused before it starts.
    assertThatThrownBy(() -> checkpoints.requireUsable("k", Map.of()))
        .hasMessageContaining("holds epoch-0009, which looks like a checkpoint");
  }

  @Test
  void aCheckpointDirectoryMayNotOverlapTheInputOrTheOutput() throws Exception {
    Path input = Files.createDirectories(dir.resolve("prepared"));
    Map<String, String> guarded =
        Map.of("train.input", input.toString(), "train.output", dir.resolve("model").toString());
    for (Path bad :
        List.of(
            input,
            input.resolve("cp"),
            dir,
            dir.resolve("model"),
            dir.resolve("model/cp"),
            dir.resolve("prepared/../prepared/"))) {
      assertThatThrownBy(
              () ->
                  new Checkpoints(new Configuration(), bad.toString()).requireUsable("k", guarded))
          .as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(k) overlaps");
    }
    Path link = Files.createSymbolicLink(dir.resolve("link"), input);
    assertThatThrownBy(
            () ->
                new Checkpoints(new Configuration(), link.resolve("cp").toString())
                    .requireUsable("k", guarded))
        .hasMessageContaining("overlaps " + input);
    new Checkpoints(new Configuration(), dir.resolve("model.checkpoints").toString())
        .requireUsable("k", guarded);
  }

  @Test
  void aDirectoryTheUserMadeStaysWhenItsCheckpointsAreCleared() throws Exception {
    Path cp = Files.createDirectories(dir.resolve("mine"));
    Checkpoints checkpoints = new Checkpoints(new Configuration(), cp.toString());
    checkpoints.save(state(1, false), trainedNetwork(), null);
    checkpoints.clear();
    assertThat(cp).isEmptyDirectory();

    Path created = dir.resolve("created");
    Checkpoints fresh = new Checkpoints(new Configuration(), created.toString());
    fresh.save(state(1, false), trainedNetwork(), null);
    fresh.clear();
    assertThat(created).doesNotExist();
  }
}
