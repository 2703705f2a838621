/**
 * Typed settings. Defaults live in {@code conf/imdb-rnn.conf} (packed into the jar); a user file
 * and command-line overrides are layered on top by {@link io.imdbrnn.config.SettingsLoader}. Each
 * stage reads an immutable record that checks its own ranges, so a bad value fails before any work
 * starts.
 */
package io.imdbrnn.config;
