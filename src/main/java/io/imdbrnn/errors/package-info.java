/** Failure kinds that decide the exit code a scheduler sees. */
package io.imdbrnn.errors;
