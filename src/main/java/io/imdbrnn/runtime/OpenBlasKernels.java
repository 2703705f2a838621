package io.imdbrnn.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes OpenBLAS use its AVX-512 kernels on AMD processors that have AVX-512 (Zen 4, Zen 5).
 *
 * <p>Why: ND4J 1.0.0-M2 ships OpenBLAS 0.3.19, which picks its kernels by CPU model when it is
 * loaded and takes these processors for older ones: Zen 4 for "Zen" (AVX2 kernels), Zen 5 for
 * "Barcelona" (SSE kernels). Every matrix product ND4J hands to BLAS (the input projections and the
 * weight gradients of every recurrent layer, all dense layers) then runs at half the width the core
 * has: measured on this project's Zen 5 VM (GemmBenchmark, one thread), the products of a GRU-256
 * training step ran at about 40 GFLOP/s on the kernels OpenBLAS chose, 80-90 on the AVX2 ones and
 * 150 on the SkylakeX ones, 71 % of the core's peak. OpenBLAS reads {@value #VARIABLE} once, when
 * the library loads, so this sets it in the process environment (as if the JVM had been started
 * with it) before anything loads ND4J's native backend: at the start of a command, in the Kryo
 * registrator and before the executors' warm-up. A value already set, by the user or a cluster's
 * environment, always wins (a line in the log says what it costs), and on every other processor
 * nothing is set, so OpenBLAS chooses as it always did.
 */
public final class OpenBlasKernels {
  private static final Logger LOG = LoggerFactory.getLogger(OpenBlasKernels.class);

  /** The environment variable OpenBLAS reads to force its kernels. */
  public static final String VARIABLE = "OPENBLAS_CORETYPE";

  /** OpenBLAS's name for its AVX-512 (F, CD, BW, DQ, VL) kernels. */
  static final String AVX512_KERNELS = "SkylakeX";

  /** Names of OpenBLAS kernels that use AVX-512 (lower case). */
  private static final Set<String> AVX512_NAMES =
      Set.of("skylakex", "cooperlake", "sapphirerapids");

  /** What the SkylakeX kernels execute; a processor lacking any of them keeps OpenBLAS's choice. */
  private static final Set<String> AVX512_FLAGS =
      Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

  private static boolean applied;

  private OpenBlasKernels() {}

  /**
   * Sets {@value #VARIABLE} for this process where {@link #hasAvx512Kernels} says so and nothing
   * has set it yet; once per JVM, and harmless when ND4J's backend is already loaded (it then has
   * no effect). Never fails: a JVM that cannot set it keeps OpenBLAS's own choice.
   */
  public static synchronized void apply() {
    if (applied) {
      return;
    }
    applied = true;
    try {
      if (!hasAvx512Kernels(
          System.getProperty("os.name"), System.getProperty("os.arch"), cpuInfo())) {
        return;
      }
      // The C environment, which OpenBLAS reads (System.getenv is the JVM's copy from start-up).
      String set = nativeEnvironment(VARIABLE);
      if (set == null) {
        if (setNativeEnvironment(VARIABLE, AVX512_KERNELS)) {
          LOG.info(
              "OpenBLAS: {}={}, its AVX-512 kernels (it would take this AMD processor for an older"
                  + " one and use SSE or AVX2 kernels)",
              VARIABLE,
              AVX512_KERNELS);
        }
      } else if (!AVX512_NAMES.contains(set.strip().toLowerCase(Locale.ROOT))) {
        LOG.info(
            "OpenBLAS: {}={} is set in the environment and kept; this processor has AVX-512, and {}"
                + " makes matrix products up to twice as fast (unset it to let this program choose)",
            VARIABLE,
            set,
            AVX512_KERNELS);
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("OpenBLAS keeps its own kernels: {}", e.toString());
    }
  }

  /**
   * Whether OpenBLAS's AVX-512 kernels should be forced here, from the operating system, the
   * architecture and {@code /proc/cpuinfo}: on x86-64 Linux, for an AMD processor with every
   * AVX-512 extension those kernels use. OpenBLAS recognises Intel's AVX-512 processors itself.
   */
  static boolean hasAvx512Kernels(String osName, String osArch, String cpuInfo) {
    if (!"linux".equalsIgnoreCase(osName)
        || !("amd64".equals(osArch) || "x86_64".equals(osArch))
        || cpuInfo == null) {
      return false;
    }
    String vendor = null;
    Set<String> flags = null;
    for (String line : cpuInfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (vendor == null && key.equals("vendor_id")) {
        vendor = value;
      } else if (flags == null && key.equals("flags")) {
        flags = new HashSet<>(Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\s+")));
      }
    }
    return "AuthenticAMD".equals(vendor) && flags != null && flags.containsAll(AVX512_FLAGS);
  }

  private static String cpuInfo() {
    try {
      return Files.readString(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Sets a variable of this process's C environment (not {@link System#getenv}'s copy, which the
   * JVM took at start-up), unless it is already set there.
   */
  static boolean setNativeEnvironment(String name, String value) {
    return LibC.INSTANCE.setenv(name, value, 0) == 0;
  }

  /** A variable of this process's C environment, as native code reads it. */
  static String nativeEnvironment(String name) {
    return LibC.INSTANCE.getenv(name);
  }

  /** The C library's environment, which OpenBLAS's {@code getenv} reads. */
  private interface LibC extends Library {
    LibC INSTANCE = (LibC) Native.loadLibrary("c", LibC.class);

    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }
}
