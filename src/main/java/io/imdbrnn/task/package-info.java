/**
 * The task seam: one {@link io.imdbrnn.task.TaskKind} per task (a classifier of two or more
 * classes, the character language model) that prepare, train, evaluate and run ask for their task's
 * pieces.
 */
package io.imdbrnn.task;
