package io.imdbrnn.labels;

import io.imdbrnn.errors.BadInputException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The classes a model tells apart, in index order: class {@code i} is {@code names().get(i)}. The
 * order is a pure function of the set of labels, so it does not depend on the data's order, size,
 * partitioning or class frequencies (unlike Spark's {@code StringIndexer}, which orders by
 * frequency): when every label is a number, numeric order ({@code 2 < 10}); otherwise the
 * lexicographic order of their UTF-16 code units. IMDB's {@code neg} and {@code pos} become 0 and
 * 1, as the binary classifier always numbered them; star ratings {@code 1, …, 10} keep their order.
 */
public record LabelIndex(List<String> names) implements Serializable {
  /** At most this many classes: the softmax head and the confusion matrix stay bounded. */
  public static final int MAX_CLASSES = 10_000;

  /** The labels of the aclImdb layout, and of every prepared dataset older than label indexes. */
  public static final LabelIndex SENTIMENT = new LabelIndex(List.of("neg", "pos"));

  public LabelIndex {
    names = List.copyOf(names);
    if (names.size() < 2) {
      throw new BadInputException(
          "A classifier needs at least two classes; found " + names.size() + " " + names + ".");
    }
    if (names.size() > MAX_CLASSES) {
      throw new BadInputException(
          "Found "
              + names.size()
              + " classes; at most "
              + MAX_CLASSES
              + " are supported. Is the label column the right one?");
    }
    if (new TreeSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("Class names repeat: " + names);
    }
  }

  /** The index of every distinct label, in the documented order. */
  public static LabelIndex of(Collection<String> labels) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(labels));
    sorted.sort(order(sorted));
    return new LabelIndex(sorted);
  }

  private static Comparator<String> order(List<String> labels) {
    boolean numeric = labels.stream().allMatch(l -> number(l).isPresent());
    Comparator<String> natural = Comparator.naturalOrder();
    return numeric
        ? Comparator.<String, BigDecimal>comparing(l -> number(l).orElseThrow())
            .thenComparing(natural)
        : natural;
  }

  private static Optional<BigDecimal> number(String label) {
    try {
      return Optional.of(new BigDecimal(label.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public int size() {
    return names.size();
  }

  public String name(int index) {
    return names.get(index);
  }

  /** The index of {@code label}, or -1 when it is not one of the classes. */
  public int indexOf(String label) {
    return lookup().getOrDefault(label, -1);
  }

  private Map<String, Integer> lookup() {
    Map<String, Integer> m = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), i);
    }
    return m;
  }

  /** The labels of {@code other} that this index does not know, in order; empty when none. */
  public List<String> unknown(Collection<String> other) {
    Map<String, Integer> known = lookup();
    List<String> out = new ArrayList<>();
    for (String l : new TreeSet<>(other)) {
      if (!known.containsKey(l)) {
        out.add(l);
      }
    }
    return out;
  }

  /** The classes for a message: all of them up to ten, else the first ten and how many more. */
  public String shown() {
    return names.size() <= 10
        ? names.toString()
        : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
  }

  /**
   * The outputs a classifier of these classes has: one for two classes (the second class's
   * probability through a sigmoid, IMDB's positive review), one per class for more (a softmax).
   * Everything else about the two kinds is {@code scoring.ClassOutputs}.
   */
  public int outputs() {
    return names.size() == 2 ? 1 : names.size();
  }
}
