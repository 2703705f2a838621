package io.imdbrnn.model.fused;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this JVM was started with {@code --add-modules=jdk.incubator.vector}. Without it the
 * fused layer still works, on its scalar path, several times slower; the launchers in {@code
 * submit/} and the Spark settings in {@code conf/} pass the flag.
 */
final class VectorSupport {
  private static final Logger LOG = LoggerFactory.getLogger(VectorSupport.class);
  static final boolean AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  private static volatile boolean warned;

  private VectorSupport() {}

  static void warnOnceIfMissing() {
    if (!AVAILABLE && !warned) {
      warned = true;
      LOG.warn(
          "The fused SimpleRnn runs its scalar path: start the JVM with"
              + " --add-modules=jdk.incubator.vector for the SIMD kernels.");
    }
  }
}
