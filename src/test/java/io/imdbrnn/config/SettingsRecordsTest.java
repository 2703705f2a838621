package io.imdbrnn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.errors.BadInputException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every settings record checks every declared rule in its own constructor, in component order, so a
 * record built in code (not through a file or the binder) is refused like a file would be.
 */
class SettingsRecordsTest {

  /** A record of the section's defaults, with every required text set. */
  private static Record defaults(String section, Class<? extends Record> type) {
    SettingsBinder.Builder<? extends Record> b = SettingsBinder.builder(type);
    for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
      if (e.setting().required()) {
        b.set(e.key(), "/tmp/settings-test/" + e.key());
      }
    }
    return b.build();
  }

  /** A value the declaration refuses, of the component's type, or null when it refuses none. */
  private static Object refused(SettingsSchema.Entry e) {
    Setting s = e.setting();
    if (s.required()) {
      return " ";
    }
    boolean hasMin = !Double.isNaN(s.min());
    double bad = hasMin ? (s.minExclusive() ? s.min() : s.min() - 1) : s.max() + 1;
    if (!hasMin && Double.isNaN(s.max())) {
      return null;
    }
    Class<?> t = e.type();
    if (t == int.class) {
      return (int) bad;
    }
    if (t == long.class) {
      return (long) bad;
    }
    return t == double.class ? bad : null;
  }

  private static Record construct(Class<? extends Record> type, Object[] values) throws Throwable {
    Class<?>[] types =
        java.util.Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    Constructor<? extends Record> c = type.getDeclaredConstructor(types);
    try {
      return c.newInstance(values);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void everyRecordRefusesEachOutOfRangeOrMissingValueNamingItsKey() throws Throwable {
    List<String> checked = new ArrayList<>();
    for (var section : SettingsSchema.SECTIONS.entrySet()) {
      Record good = defaults(section.getKey(), section.getValue());
      List<SettingsSchema.Entry> entries = SettingsSchema.entries(section.getKey());
      Object[] values = entries.stream().map(e -> e.valueIn(good)).toArray();
      assertThat(construct(section.getValue(), values)).isEqualTo(good);
      for (int i = 0; i < entries.size(); i++) {
        Object bad = refused(entries.get(i));
        if (bad == null) {
          continue;
        }
        Object[] changed = values.clone();
        changed[i] = bad;
        String key = entries.get(i).fullKey();
        assertThatThrownBy(() -> construct(section.getValue(), changed))
            .as(key + " = " + bad)
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining(key);
        checked.add(key);
      }
    }
    assertThat(checked).contains("train.learning-rate", "prepare.max-len", "ingest.output");
  }

  @Test
  void anExclusiveLowerBoundHoldsForAnyBoundNotOnlyZero() {
    assertThatThrownBy(() -> Validate.range("k", 0.5, 0.5, true, 1.0))
        .hasMessage("Cannot set k to 0.5: the value must be above 0.5 and at most 1.0.");
    assertThat(Validate.range("k", 0.5000001, 0.5, true, 1.0)).isEqualTo(0.5000001);
    assertThat(Validate.range("k", 0.5, 0.5, false, 1.0)).isEqualTo(0.5);
    assertThatThrownBy(() -> Validate.range("k", Double.NaN, 0, false, 1.0))
        .hasMessageContaining("Cannot set k to NaN");
  }

  /**
   * A value's former name still binds, so settings and schedules of older versions keep working.
   */
  @Test
  void withChangesOneSettingKeepsTheOthersAndChecksTheValue() {
    TrainSettings base =
        SettingsBinder.builder(TrainSettings.class)
            .set("input", "p")
            .set("output", "m")
            .set("cell", "gru")
            .set("pooling", "max-mean")
            .set("dropout", 0.3)
            .build();
    TrainSettings other = SettingsBinder.with(base, "seed", 99L);
    assertThat(other.seed()).isEqualTo(99L);
    assertThat(SettingsBinder.with(other, "seed", base.seed())).isEqualTo(base);
    assertThatThrownBy(() -> SettingsBinder.with(base, "dropout", 2.0))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("train.dropout");
    assertThatThrownBy(() -> SettingsBinder.with(base, "no-such-key", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key");
  }

  @Test
  void aFormerNameOfAValueBindsToItsConstant() {
    for (String spelt : java.util.List.of("sentiment", "SENTIMENT", "classify", "Classify")) {
      PrepareSettings p =
          SettingsBinder.builder(PrepareSettings.class)
              .set("input", "/tmp/in")
              .set("output", "/tmp/out")
              .set("task", spelt)
              .build();
      org.assertj.core.api.Assertions.assertThat(p.task()).as(spelt).isEqualTo(Task.CLASSIFY);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SettingsBinder.builder(PrepareSettings.class)
                    .set("input", "/tmp/in")
                    .set("output", "/tmp/out")
                    .set("task", "sentiments")
                    .build())
        .hasMessageContaining("must be one of classify, next-char");
  }
}
