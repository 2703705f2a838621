package io.imdbrnn.model.fused;

/**
 * Which path the fused layers compute on in this JVM, for provenance: the SIMD kernels and the
 * scalar fallback agree to float rounding, not bit for bit, so a result records which one made it.
 */
public final class FusedKernels {
  private FusedKernels() {}

  /** {@code simd} with {@code --add-modules=jdk.incubator.vector}, {@code scalar} without. */
  public static String path() {
    return VectorSupport.AVAILABLE ? "simd" : "scalar";
  }
}
