package io.imdbrnn.ml;

import io.imdbrnn.config.SettingsLoader;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.TrainSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;

/**
 * Spark ML Params made from the settings declarations, so that the Estimator offers every training
 * setting (and prepare's vocabulary size and sequence length) with the same name, type, default and
 * documentation as {@code conf/imdb-rnn.conf}, without declaring any of them again. Values are
 * checked at {@code fit} by the same binder as a settings file.
 */
final class SettingParams {
  private SettingParams() {}

  /**
   * The settings offered as Params, in file order, as their declarations say ({@link
   * io.imdbrnn.config.Setting#estimatorParam}).
   */
  static List<SettingsSchema.Entry> entries() {
    List<SettingsSchema.Entry> out = new ArrayList<>();
    for (String section : List.of("prepare", "train")) {
      for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
        boolean offered =
            e.setting().estimatorParam() || (section.equals("train") && !e.setting().runOnly());
        if (offered) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /**
   * One typed Param per setting, named as in the config section ({@code embedding-size}) unless its
   * declaration names it otherwise.
   */
  static Map<SettingsSchema.Entry, Param<?>> create(String uid) {
    Map<SettingsSchema.Entry, Param<?>> params = new LinkedHashMap<>();
    for (SettingsSchema.Entry e : entries()) {
      params.put(e, param(uid, e));
    }
    return params;
  }

  /**
   * The Param of one setting, typed, documented and range-checked as its declaration says: a value
   * out of range is refused when it is set (also when a saved model's metadata is loaded), as the
   * settings binder refuses it in a file.
   */
  static Param<?> param(String uid, SettingsSchema.Entry e) {
    String doc = e.help() + (e.rule().isEmpty() ? "" : " (" + e.rule() + ")");
    Class<?> t = e.type();
    if (t == int.class) {
      return new IntParam(uid, e.paramName(), doc, inRange(e));
    }
    if (t == long.class) {
      return new LongParam(uid, e.paramName(), doc, inRange(e));
    }
    if (t == double.class) {
      return new DoubleParam(uid, e.paramName(), doc, inRange(e));
    }
    if (t == boolean.class) {
      return new BooleanParam(uid, e.paramName(), doc);
    }
    return new Param<String>(uid, e.paramName(), doc);
  }

  /** The Param of a setting of another section, e.g. {@code predict.batch-size}. */
  static Param<?> param(String uid, String section, String key) {
    return param(uid, entry(section, key));
  }

  /** The default of a setting of another section, typed for its Param. */
  static Object defaultValue(String section, String key) {
    return defaultValue(entry(section, key));
  }

  private static SettingsSchema.Entry entry(String section, String key) {
    for (SettingsSchema.Entry e : SettingsSchema.entries(section)) {
      if (e.key().equals(key)) {
        return e;
      }
    }
    throw new IllegalStateException("No setting " + section + "." + key);
  }

  /**
   * The binder's own range check as a Param validator: an out-of-range value is refused when it is
   * set, with the message a settings file gets ({@code BadInputException} is the {@code
   * IllegalArgumentException} Spark's Params throw).
   */
  @SuppressWarnings("unchecked")
  private static <T> scala.Function1<T, Object> inRange(SettingsSchema.Entry e) {
    return (scala.Function1<T, Object>) new RangeCheck(e.section(), e.key());
  }

  /**
   * Serializable like Spark's own validators (a Param travels with its stage), so it holds the
   * setting's name, not its reflective declaration.
   */
  private static final class RangeCheck extends scala.runtime.AbstractFunction1<Object, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String section;
    private final String key;

    RangeCheck(String section, String key) {
      this.section = section;
      this.key = key;
    }

    @Override
    public Object apply(Object value) {
      entry(section, key).check(value);
      return true;
    }
  }

  /** The packaged default of a setting, typed for its Param. */
  static Object defaultValue(SettingsSchema.Entry e) {
    Object raw = SettingsLoader.defaults().getValue(e.fullKey()).unwrapped();
    Class<?> t = e.type();
    if (t == int.class) {
      return ((Number) raw).intValue();
    }
    if (t == long.class) {
      return ((Number) raw).longValue();
    }
    if (t == double.class) {
      return ((Number) raw).doubleValue();
    }
    if (t == boolean.class) {
      return raw;
    }
    return String.valueOf(raw);
  }

  static boolean isTrain(SettingsSchema.Entry e) {
    return e.section().equals(SettingsSchema.sectionOf(TrainSettings.class));
  }
}
