package io.imdbrnn.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of a setting, on its settings record component: the key is the section plus
 * the component name in kebab case ({@code maxLen} of {@code prepare} is {@code prepare.max-len}),
 * the type is the component's, and this gives the default, the range and the documentation. From it
 * come the packaged defaults and {@code conf/imdb-rnn.conf}, binding from HOCON, the range checks,
 * the command-line option ({@code --max-len}) with its help, the manifest and the resume
 * fingerprint.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {
  /** The default as HOCON text: {@code 10}, {@code 0.001}, {@code failfast}, {@code ""}. */
  String value();

  /** What the setting does, for {@code conf/imdb-rnn.conf}; wrapped there at 100 columns. */
  String doc();

  /** One line for {@code --help}; empty: the first sentence of {@link #doc}. */
  String help() default "";

  /** Inclusive lower bound of a number; NaN: none. */
  double min() default Double.NaN;

  /** Inclusive upper bound of a number; NaN: none. */
  double max() default Double.NaN;

  /** The lower bound is exclusive (a learning rate must be above 0). */
  boolean minExclusive() default false;

  /** A text that must not be empty (a required path). */
  boolean required() default false;

  /** The option's parameter label in {@code --help}; empty: from the type. */
  String label() default "";
}
