package io.imdbrnn.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharWindowsTest {
  private static final Vocabulary ABC = new Vocabulary(List.of("a", "b", "c", " ", "é"));

  @Test
  void normalisationRemovesTagsComposesAndFoldsWhitespace() {
    // "e" + combining acute (two code points) composes to one; tags and runs of any whitespace,
    // the no-break space included, become one space; case and punctuation stay.
    String text = "  Great<br /><br />film!\tCafe\u0301\u00a0\n ok ";
    assertThat(CharTokenizer.normalize(text)).isEqualTo("Great film! Café ok");
    assertThat(CharTokenizer.codePoints("Cafe\u0301")).hasSize(4);
    assertThat(CharTokenizer.normalize(null)).isEmpty();
    // A code point outside the Basic Multilingual Plane is one character, not two.
    assertThat(CharTokenizer.codePoints("a\uD83C\uDFAC")).containsExactly('a', 0x1F3AC);
  }

  @Test
  void encodingStartsWithTheStartIdAndMapsUnknownCharacters() {
    int[] ids = CharWindows.encode("ab <i>x</i>é", ABC);
    // start, a, b, space (the tag's space folds into it), x unknown, space, é
    assertThat(ids)
        .containsExactly(
            Vocabulary.START,
            ABC.id("a"),
            ABC.id("b"),
            ABC.id(" "),
            Vocabulary.OOV,
            ABC.id(" "),
            ABC.id("é"));
  }

  @Test
  void windowsOverlapByOneSoEveryIdButTheFirstIsATargetOnce() {
    int[] ids = new int[23];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 100 + i;
    }
    List<int[]> windows = CharWindows.cut(ids, 10);
    assertThat(windows).hasSize(3);
    assertThat(windows.get(0)).hasSize(11).startsWith(100).endsWith(110);
    assertThat(windows.get(1)).hasSize(11).startsWith(110).endsWith(120);
    assertThat(windows.get(2)).containsExactly(120, 121, 122);
    List<Integer> targets = new ArrayList<>();
    for (int[] w : windows) {
      for (int t = 1; t < w.length; t++) {
        targets.add(w[t]);
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i < ids.length; i++) {
      expected.add(ids[i]);
    }
    assertThat(targets).isEqualTo(expected);
    assertThat(CharWindows.join(windows)).isEqualTo(ids);
    assertThat(CharWindows.join(CharWindows.cut(new int[] {1, 5}, 1))).containsExactly(1, 5);
    assertThat(CharWindows.join(List.of())).isEmpty();
  }

  @Test
  void exactMultiplesLeaveNoEmptyWindowAndTooShortSequencesNone() {
    assertThat(CharWindows.cut(new int[] {1, 5, 6, 7, 8}, 2)).hasSize(2);
    assertThat(CharWindows.cut(new int[] {1}, 4)).isEmpty();
    assertThat(CharWindows.cut(new int[] {1, 9}, 4)).containsExactly(new int[] {1, 9});
  }
}
