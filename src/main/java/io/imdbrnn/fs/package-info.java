/**
 * Files on any Hadoop filesystem, without Spark: all-or-nothing outputs and the marker that says
 * which outputs this program may replace, marked staging areas (swept by their marker, never by
 * name), the writer lock of a shared directory, copies that take regular files only, path identity
 * for overlap checks, size-capped reads of files a user handed over.
 */
package io.imdbrnn.fs;
