package io.imdbrnn.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.testing.FileTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging is recognised by its marker, never by its name; copies take regular files only. */
class StagingAreaTest {
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toString());
  }

  @Test
  void theSweepDeletesOnlyMarkedStagingAreasWhateverTheOtherNames() throws Exception {
    StagingArea left = StagingArea.open(conf, hadoop(dir));
    Files.writeString(Path.of(left.path("half-written").toUri().getPath()), "x");
    // Look-alikes that are not ours: named like staging, like old temp names, a user folder.
    Files.createDirectories(dir.resolve(StagingArea.PREFIX + "not-ours"));
    Files.writeString(dir.resolve(StagingArea.PREFIX + "not-ours/f"), "keep");
    Files.createDirectories(dir.resolve(".x.tmp-1"));
    Files.writeString(dir.resolve(".x.tmp-1/keep"), "keep");
    Files.createDirectories(dir.resolve(".reviews.tmp-abc"));
    Map<String, String> before = FileTree.snapshot(dir);

    assertThat(StagingArea.sweep(conf, hadoop(dir))).hasSize(1);

    Map<String, String> after = FileTree.snapshot(dir);
    String leftName = left.path("x").getParent().getName();
    assertThat(before).containsKey(leftName + "/");
    before.keySet().removeIf(k -> k.startsWith(leftName));
    assertThat(after).isEqualTo(before);
  }

  @Test
  void publishingNeverReplacesOrNestsIntoAnExistingDirectory() throws Exception {
    Files.createDirectories(dir.resolve("published"));
    Files.writeString(dir.resolve("published/a"), "old");
    try (StagingArea staging = StagingArea.open(conf, hadoop(dir))) {
      Path staged = Files.createDirectories(Path.of(staging.path("copy").toUri().getPath()));
      Files.writeString(staged.resolve("a"), "new");
      assertThatThrownBy(
              () -> staging.publishNew(staging.path("copy"), hadoop(dir.resolve("published"))))
          .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
    }
    assertThat(FileTree.names(dir.resolve("published"))).containsExactly("a");
    assertThat(dir.resolve("published/a")).hasContent("old");
  }

  @Test
  void replacingSwapsOnlyWhatTheOwnershipCheckAcceptsAndLeavesNothingBehind() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/a"), "old");
    StagingArea.Publish foreign = StagingArea.Publish.replaceIf((fs, p) -> false);
    StagingArea.Publish ours = StagingArea.Publish.replaceIf((fs, p) -> true);
    for (StagingArea.Publish policy : java.util.List.of(foreign, ours)) {
      try (StagingArea staging = StagingArea.open(conf, hadoop(dir))) {
        Path staged = Files.createDirectories(Path.of(staging.path("out").toUri().getPath()));
        Files.writeString(staged.resolve("b"), "new");
        if (policy == foreign) {
          assertThatThrownBy(
                  () -> staging.publish(staging.path("out"), hadoop(dir.resolve("out")), policy))
              .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
          assertThat(FileTree.names(dir.resolve("out"))).containsExactly("a");
        } else {
          staging.publish(staging.path("out"), hadoop(dir.resolve("out")), policy);
        }
      }
    }
    assertThat(FileTree.names(dir.resolve("out"))).containsExactly("b");
    assertThat(FileTree.names(dir)).containsExactly("out");
  }

  @Test
  void aSwappedFileHoldsTheNewContentWholeWithNoTemporaryNameBesideIt() throws Exception {
    org.apache.hadoop.fs.Path file = hadoop(dir.resolve("pointer.json"));
    for (String content : java.util.List.of("first", "second")) {
      StagingArea.swapFile(conf, file, content);
      assertThat(dir.resolve("pointer.json")).hasContent(content);
    }
    assertThat(FileTree.names(dir)).containsExactly("pointer.json");
  }

  @Test
  void aSymbolicLinkInATreeToCopyIsRefusedByNameAndNothingIsCopied() throws Exception {
    Path outside = Files.writeString(dir.resolve("secret"), "outside the bundle");
    Path source = Files.createDirectories(dir.resolve("bundle/history"));
    Files.writeString(dir.resolve("bundle/model.zip"), "zip");
    Files.createSymbolicLink(source.resolve("link"), outside);
    assertThatThrownBy(
            () ->
                RegularFileCopy.copyTree(
                    conf, hadoop(dir.resolve("bundle")), hadoop(dir.resolve("copy")), "Bundle B"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("Bundle B holds " + source.resolve("link"))
        .hasMessageContaining("symbolic link");
    assertThat(dir.resolve("copy")).doesNotExist();
    Files.delete(source.resolve("link"));
    RegularFileCopy.copyTree(
        conf, hadoop(dir.resolve("bundle")), hadoop(dir.resolve("copy")), "Bundle B");
    assertThat(dir.resolve("copy/model.zip")).hasContent("zip");
  }
}
