package io.imdbrnn.config;

/** A split of the dataset ({@code evaluate.split}). */
public enum Split implements SettingEnum {
  TEST,
  TRAIN
}
