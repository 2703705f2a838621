/**
 * Spark plumbing shared by every stage: the session factory and lease, Spark UI job descriptions
 * per step, and the Hadoop configuration as driver and executors see it.
 */
package io.imdbrnn.runtime;
