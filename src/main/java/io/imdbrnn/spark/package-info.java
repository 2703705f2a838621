/**
 * Spark plumbing shared by every stage: the session factory, the schemas of the datasets stages
 * exchange (one class per dataset), all-or-nothing output, and Spark UI job descriptions.
 */
package io.imdbrnn.spark;
