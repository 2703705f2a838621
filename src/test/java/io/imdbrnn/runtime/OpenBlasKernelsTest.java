package io.imdbrnn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which processors get OpenBLAS's AVX-512 kernels forced, and that the variable reaches the C
 * environment native libraries read.
 */
class OpenBlasKernelsTest {
  private static final String AVX512 =
      "fpu sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16";

  private static String cpu(String vendor, String flags) {
    StringBuilder info = new StringBuilder();
    for (int core = 0; core < 2; core++) {
      info.append("processor\t: ").append(core).append('\n');
      info.append("vendor_id\t: ").append(vendor).append('\n');
      info.append("model name\t: Some processor\n");
      info.append("flags\t\t: ").append(flags).append("\n\n");
    }
    return info.toString();
  }

  @Test
  void anAmdProcessorWithAvx512GetsTheAvx512Kernels() {
    assertThat(OpenBlasKernels.hasAvx512Kernels("Linux", "amd64", cpu("AuthenticAMD", AVX512)))
        .isTrue();
    assertThat(OpenBlasKernels.hasAvx512Kernels("Linux", "x86_64", cpu("AuthenticAMD", AVX512)))
        .isTrue();
  }

  @Test
  void everyOtherProcessorKeepsOpenBlassOwnChoice() {
    String amd = cpu("AuthenticAMD", AVX512);
    // OpenBLAS recognises Intel's AVX-512 processors itself.
    assertThat(OpenBlasKernels.hasAvx512Kernels("Linux", "amd64", cpu("GenuineIntel", AVX512)))
        .isFalse();
    // Zen 2 and 3: AVX2 only; and one missing extension is enough to keep OpenBLAS's choice.
    assertThat(
            OpenBlasKernels.hasAvx512Kernels(
                "Linux", "amd64", cpu("AuthenticAMD", "fpu sse2 avx avx2 fma")))
        .isFalse();
    assertThat(
            OpenBlasKernels.hasAvx512Kernels(
                "Linux", "amd64", cpu("AuthenticAMD", AVX512.replace("avx512vl", ""))))
        .isFalse();
    assertThat(OpenBlasKernels.hasAvx512Kernels("Linux", "aarch64", amd)).isFalse();
    assertThat(OpenBlasKernels.hasAvx512Kernels("Mac OS X", "x86_64", amd)).isFalse();
    assertThat(OpenBlasKernels.hasAvx512Kernels("Linux", "amd64", null)).isFalse();
    assertThat(OpenBlasKernels.hasAvx512Kernels("Linux", "amd64", "no colons\nat all")).isFalse();
    // A flag listed twice is still a set of flags.
    assertThat(
            OpenBlasKernels.hasAvx512Kernels(
                "Linux", "amd64", cpu("AuthenticAMD", AVX512 + " avx512f")))
        .isTrue();
  }

  @Test
  void theVariableReachesTheEnvironmentNativeCodeReadsAndAValueSetStays() {
    String name = "IMDBRNN_TEST_" + ProcessHandle.current().pid();
    assertThat(OpenBlasKernels.nativeEnvironment(name)).isNull();
    assertThat(OpenBlasKernels.setNativeEnvironment(name, "SkylakeX")).isTrue();
    assertThat(OpenBlasKernels.nativeEnvironment(name)).isEqualTo("SkylakeX");
    OpenBlasKernels.setNativeEnvironment(name, "Zen");
    assertThat(OpenBlasKernels.nativeEnvironment(name)).isEqualTo("SkylakeX");
  }
}
