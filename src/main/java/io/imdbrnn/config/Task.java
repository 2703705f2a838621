package io.imdbrnn.config;

/** What the network learns ({@code prepare.task}); the prepared data is shaped for it. */
public enum Task implements SettingEnum {
  /** One probability per review: positive or negative (the reference workload). */
  SENTIMENT,
  /** A distribution over the next character at every character of a review (a language model). */
  NEXT_CHAR
}
