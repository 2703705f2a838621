/**
 * The model registry ({@code <data_root>/registry/}): the bundles that were ever promoted, the
 * pointer to the one in service ({@code champion.json}) and the append-only decision log.
 */
package io.imdbrnn.registry;
