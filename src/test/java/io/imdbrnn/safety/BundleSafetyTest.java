package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.TinyBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bundle is untrusted input: whatever its files hold, loading it costs bounded memory and time
 * and fails with exit 2 and one line naming the bundle, before DL4J reads anything unbounded.
 */
class BundleSafetyTest {
  @TempDir Path dir;

  interface Tamper {
    void apply(Path bundle) throws IOException;
  }

  private static final int MIB = 1 << 20;

  /** Replaces one entry of model.zip (deflated, so a run of one byte costs almost nothing). */
  private static Tamper zipEntry(String name, byte[] content) {
    return bundle -> {
      Path zip = bundle.resolve("model.zip");
      ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
          ZipOutputStream out = new ZipOutputStream(rewritten)) {
        ZipEntry e;
        while ((e = in.getNextEntry()) != null) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(e.getName().equals(name) ? content : in.readAllBytes());
          out.closeEntry();
        }
      }
      replace(zip, rewritten.toByteArray());
    };
  }

  private static void rewriteEntry(
      Path bundle, String name, java.util.function.UnaryOperator<byte[]> change)
      throws IOException {
    byte[] content = null;
    try (ZipInputStream in =
        new ZipInputStream(Files.newInputStream(bundle.resolve("model.zip")))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          content = in.readAllBytes();
        }
      }
    }
    zipEntry(name, change.apply(content)).apply(bundle);
  }

  /**
   * The data buffer's length field (after the shape buffer) set to 2^40: ND4J would allocate it.
   */
  private static byte[] declareHugeLength(byte[] array) {
    try (java.io.DataInputStream in =
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(array))) {
      in.readUTF();
      long shapeLength = in.readLong();
      in.readUTF();
      in.skipNBytes(shapeLength * 8);
      in.readUTF();
      int lengthAt = array.length - in.available();
      java.nio.ByteBuffer.wrap(array, lengthAt, 8).putLong(1L << 40);
      return array;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void duplicateAnEntry(Path bundle) throws IOException {
    ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle.resolve("model.zip")));
        org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream out =
            new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(rewritten)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        int copies = e.getName().equals("configuration.json") ? 2 : 1;
        for (int i = 0; i < copies; i++) {
          out.putArchiveEntry(
              new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(e.getName()));
          out.write(content);
          out.closeArchiveEntry();
        }
      }
    }
    replace(bundle.resolve("model.zip"), rewritten.toByteArray());
  }

  /** A hostile bundle comes without matching checksum files; the stale one is removed. */
  private static void replace(Path file, byte[] content) throws IOException {
    Files.write(file, content);
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  /** prepare.json with its n-grams set to {@code value} (a hand edit). */
  private static void editNgrams(Path bundle, String value) throws IOException {
    Path file = bundle.resolve("prepare.json");
    String json =
        Files.readString(file).replaceAll("\"ngrams\"\\s*:\\s*null", "\"ngrams\":" + value);
    assertThat(json).contains("\"ngrams\":" + value);
    replace(file, json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] repeated(char c, int n, String tail) {
    return (String.valueOf(c).repeat(n) + tail).getBytes(StandardCharsets.US_ASCII);
  }

  static Stream<Arguments> hostileBundles() {
    return Stream.of(
        Arguments.of(
            "configuration.json inflating to 40 MiB",
            zipEntry("configuration.json", repeated(' ', 40 * MIB, "{}")),
            "configuration.json inflates to more than"),
        Arguments.of(
            "coefficients.bin inflating 1000 : 1",
            zipEntry("coefficients.bin", new byte[64 * MIB]),
            "zip bomb"),
        Arguments.of(
            "a network configuration nested 500,000 deep",
            zipEntry("configuration.json", repeated('[', 500_000, "")),
            "model.zip"),
        Arguments.of(
            "manifest.json of 20 MiB",
            (Tamper) b -> replace(b.resolve("manifest.json"), repeated(' ', 20 * MIB, "{}")),
            "manifest.json is 20971522 bytes"),
        Arguments.of(
            "a vocabulary line of 2 MiB",
            (Tamper)
                b ->
                    replace(
                        b.resolve("vocabulary.tsv"),
                        ("0\t<pad>\t0\n1\t" + "x".repeat(2 * MIB) + "\t0\n")
                            .getBytes(StandardCharsets.UTF_8)),
            "a line longer than"),
        Arguments.of(
            "prepare.json of 2 MiB",
            (Tamper) b -> replace(b.resolve("prepare.json"), repeated(' ', 2 * MIB, "{}")),
            "prepare.json is"),
        Arguments.of(
            "prepare.json naming n-grams of 99 words",
            (Tamper) b -> editNgrams(b, "99"),
            "names n-grams of 99 words"),
        Arguments.of(
            "model.zip that fails its checksum",
            (Tamper)
                b -> {
                  // Flip a byte but keep the .crc written with the bundle: storage corruption.
                  byte[] bytes = Files.readAllBytes(b.resolve("model.zip"));
                  bytes[bytes.length / 2] ^= 1;
                  Files.write(b.resolve("model.zip"), bytes);
                },
            "fails its checksum"),
        Arguments.of(
            "coefficients.bin whose header declares 2^40 values",
            (Tamper) b -> rewriteEntry(b, "coefficients.bin", BundleSafetyTest::declareHugeLength),
            "declaring 1099511627776 FLOAT values"),
        Arguments.of(
            "model.zip holding an entry twice",
            (Tamper) BundleSafetyTest::duplicateAnEntry,
            "holds two entries named configuration.json"),
        Arguments.of(
            "model.zip that is not a zip",
            (Tamper) b -> replace(b.resolve("model.zip"), "not a zip".getBytes()),
            "is not a zip file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileBundles")
  void aHostileBundleIsRefusedWithOneLine(String what, Tamper tamper, String reason)
      throws IOException {
    Path bundle = TinyBundle.write(dir.resolve("bundle"));
    tamper.apply(bundle);
    long heapBefore = usedHeap();
    CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--text", "great film");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).as(run.err()).isTrue();
    assertThat(run.err()).contains(bundle.toString()).contains(reason).doesNotContain(": null");
    assertThat(run.out()).isEmpty();
    assertThat(usedHeap() - heapBefore).isLessThan(1L << 30);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void theUntamperedBundleScores() {
    Path bundle = TinyBundle.write(dir.resolve("bundle"));
    CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--text", "great film");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(2);
  }
}
