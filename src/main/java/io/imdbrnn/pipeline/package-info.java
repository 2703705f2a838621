/**
 * The path-to-path stages that serve every task (prepare, train, evaluate): thin shells that read
 * their input, ask the {@link io.imdbrnn.task task seam} for the task's pieces, and write their
 * output aside before moving it into place.
 */
package io.imdbrnn.pipeline;
