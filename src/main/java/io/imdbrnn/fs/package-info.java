/**
 * Files on any Hadoop filesystem, without Spark: all-or-nothing outputs and the marker that says
 * which outputs this program may replace, path identity for overlap checks, size-capped reads of
 * files a user handed over.
 */
package io.imdbrnn.fs;
