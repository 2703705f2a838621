/**
 * The fused recurrent layers, embedding and Adam that replace DL4J's stock ones where they spend
 * their time dispatching small native operations. Each layer computes the input projection of all
 * steps as one matrix product and runs only the sequential part in a Java kernel: SIMD on the JDK
 * Vector API ({@code Vector*Kernel}, {@code Vector*Cell}) when the JVM has {@code
 * jdk.incubator.vector}, scalar ({@code Scalar*Kernel}) otherwise and for double-precision
 * networks. {@link io.imdbrnn.model.fused.FusedSimpleRnn}, {@link io.imdbrnn.model.fused.FusedLstm}
 * and {@link io.imdbrnn.model.fused.FusedGru} are DL4J layer configurations with the stock layers'
 * parameter layouts, so networks serialize with {@code ModelSerializer} and train under dl4j-spark
 * unchanged. Nothing here imports Spark. The design, and what is tested against what: {@code
 * src/site/markdown/fused-layers.md}.
 */
package io.imdbrnn.model.fused;
