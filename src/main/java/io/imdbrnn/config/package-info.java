/**
 * Typed settings, each declared once: a component of a stage's settings record with a {@link
 * io.imdbrnn.config.Setting} annotation (default, range, doc, flags). From those declarations come
 * {@code conf/imdb-rnn.conf} and the configuration page, binding from HOCON ({@link
 * io.imdbrnn.config.SettingsBinder}, with user files and overrides layered by {@link
 * io.imdbrnn.config.SettingsLoader}), the command-line options, the manifest, the resume
 * fingerprint and the Spark ML Params. Each record checks its declared ranges in its constructor
 * ({@link io.imdbrnn.config.SettingsSchema#check}), so a bad value fails before any work starts,
 * however the record was built. The enums here ({@link io.imdbrnn.config.Cell}, {@link
 * io.imdbrnn.config.Pooling}, ...) are the settings' closed sets and are used as they are by the
 * code that acts on them.
 */
package io.imdbrnn.config;
