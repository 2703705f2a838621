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

  /** The lower bound is exclusive (a learning rate must be above 0, a fraction above 0.5). */
  boolean minExclusive() default false;

  /** A text that must not be empty (a required path). */
  boolean required() default false;

  /** The option's parameter label in {@code --help}; empty: from the type. */
  String label() default "";

  /**
   * Says where things go or how this one run is driven (a path, resume, overwrite), not what is
   * computed: left out of the manifests that record a model's settings, and not offered as a Spark
   * ML Param (the Estimator chooses its own paths).
   */
  boolean runOnly() default false;

  /**
   * May differ between a checkpoint and the run that resumes it (where things go, how long to go
   * on, how many workers): left out of the resume fingerprint. Every other setting must match, so a
   * setting added later is checked on resume unless it says otherwise here.
   */
  boolean mayChangeOnResume() default false;

  /**
   * Added after checkpoints were first written: left out of the resume fingerprint while it has its
   * default, so a checkpoint written before the setting existed (which trained as the default does)
   * can still be continued. Set to anything else, it is checked like every other setting.
   */
  boolean addedLater() default false;

  /**
   * Also offered as a Spark ML Param by the Estimator, which offers every {@code train} setting
   * that is not {@link #runOnly} and, of the other sections, only those that set this (it tokenizes
   * and fits the vocabulary itself, so it takes prepare's vocabulary size and sequence length).
   */
  boolean estimatorParam() default false;

  /**
   * The Spark ML Param's name where the key alone would clash with another section's (prepare's
   * {@code word-vectors} beside train's); empty: the key.
   */
  String paramName() default "";
}
