package io.imdbrnn.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetLayoutTest {
  @Test
  void locatesReviewFilesUnderAnyRoot() {
    assertThat(DatasetLayout.locate("aclImdb/train/pos/0_9.txt"))
        .get()
        .satisfies(p -> assertThat(p).containsExactly("aclImdb/", "train/pos/0_9.txt"));
    assertThat(DatasetLayout.locate("test/neg/1_2.txt"))
        .get()
        .satisfies(p -> assertThat(p).containsExactly("", "test/neg/1_2.txt"));
  }

  @Test
  void unlabeledAndAuxiliaryFilesAreNotReviews() {
    assertThat(DatasetLayout.locate("aclImdb/train/unsup/0_0.txt")).isEmpty();
    assertThat(DatasetLayout.locate("aclImdb/imdb.vocab")).isEmpty();
    assertThat(DatasetLayout.locate("aclImdb/train/labeledBow.feat")).isEmpty();
    assertThat(DatasetLayout.locate("aclImdb/train/urls_pos.txt")).isEmpty();
  }
}
