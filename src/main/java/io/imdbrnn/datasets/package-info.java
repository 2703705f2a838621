/**
 * The datasets stages exchange, one class per dataset: column names, schemas, and a schema-checked
 * Parquet reader, so a stage refuses data of the wrong shape by name.
 */
package io.imdbrnn.datasets;
