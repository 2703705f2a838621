/**
 * The Spark ML API: {@link io.imdbrnn.ml.SentimentClassifier}, an {@code Estimator} on raw text
 * that trains with the same code as the {@code train} command, and {@link
 * io.imdbrnn.ml.SentimentModel}, its {@code Model}, which scores on the executors (batch or
 * streaming, or as a SQL function) through the same scoring path as {@code predict}. Every training
 * setting is a Param made from its settings declaration ({@code SettingParams}), so names, defaults
 * and range checks are those of {@code conf/imdb-rnn.conf}. Saving writes aside and replaces only a
 * model this program wrote; loading goes through the bundle's safe loader, and a registry path
 * loads its champion.
 */
package io.imdbrnn.ml;
