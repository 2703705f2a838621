package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.imdbrnn.testing.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A settings file is read strictly: every failure is exit 2 with one line naming the file, nothing
 * is fetched from the network, and nothing hangs or overflows the stack.
 */
class SettingsFileSafetyTest {
  @TempDir Path dir;

  @org.junit.jupiter.api.BeforeEach
  void input() throws IOException {
    Files.createDirectories(dir.resolve("in"));
  }

  private CliRun dryRun(Path config) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            CliRun.of(
                "prepare",
                "--config",
                config.toString(),
                "--input",
                dir.resolve("in").toString(),
                "--output",
                dir + "/out",
                "--dry-run"));
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("objects nested 200,000 deep", text("a { ".repeat(200_000)), "too deeply"),
        Arguments.of(
            "arrays nested 200,000 deep", text("a = " + "[".repeat(200_000)), "config file"),
        Arguments.of(
            "a path of 100,000 keys", text("a" + ".b".repeat(100_000) + " = 1"), "config file"),
        Arguments.of(
            "a setting that refers to itself",
            text("prepare { max-len = ${prepare.max-len} }"),
            "refers to itself"),
        Arguments.of(
            "an optional self-reference",
            text("prepare.vocab-size = ${?prepare.vocab-size}"),
            "refers to itself"),
        Arguments.of(
            "a substitution cycle",
            text("prepare { max-len = ${prepare.vocab-size}, vocab-size = ${prepare.max-len} }"),
            "Cannot resolve settings from config file"),
        Arguments.of(
            "an include of a missing file", text("include \"nowhere.conf\""), "nowhere.conf"),
        Arguments.of(
            "a required include of a missing file",
            text("include required(\"nowhere.conf\")"),
            "nowhere.conf"),
        Arguments.of(
            "an include of a directory",
            (Function<Path, String>) d -> "include file(\"" + d + "\")",
            "not a regular file"),
        Arguments.of("a settings file of 2 MiB", text("#" + "x".repeat(2 << 20)), "at most"),
        Arguments.of("a syntax error", text("prepare { max-len = "), "Cannot read config file"));
  }

  private static Function<Path, String> text(String s) {
    return d -> s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadSettingsFileIsExitTwoWithOneLineNamingIt(
      String what, Function<Path, String> content, String reason) throws IOException {
    Path config = Files.writeString(dir.resolve("job.conf"), content.apply(dir));
    CliRun run = dryRun(config);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).as(run.err()).isTrue();
    assertThat(run.err()).contains(config.toString()).contains(reason);
  }

  @Test
  void urlIncludesAreNeverFetched() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(500);
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/settings.conf";
      for (String include :
          new String[] {"include url(\"" + url + "\")", "include \"" + url + "\""}) {
        Path config = Files.writeString(dir.resolve("job.conf"), include);
        CliRun run = dryRun(config);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("URL includes are disabled");
        try {
          server.accept().close();
          throw new AssertionError("the settings loader connected to " + url);
        } catch (SocketTimeoutException expected) {
          // Nobody called.
        }
      }
    }
  }

  @Test
  void aNamedPipeIsNeitherAConfigFileNorAnInclude() throws Exception {
    Path fifo = dir.resolve("pipe.conf");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CliRun direct = dryRun(fifo);
    assertThat(direct.exitCode()).isEqualTo(2);
    assertThat(direct.err()).contains("not a regular file");
    Path including = Files.writeString(dir.resolve("job.conf"), "include file(\"" + fifo + "\")");
    CliRun included = dryRun(including);
    assertThat(included.exitCode()).isEqualTo(2);
    assertThat(included.err()).contains("not a regular file");
  }

  @Test
  void anExistingIncludeIsRead() throws IOException {
    Files.writeString(dir.resolve("base.conf"), "prepare.max-len = 0");
    Path config = Files.writeString(dir.resolve("job.conf"), "include \"base.conf\"");
    CliRun run = dryRun(config);
    // The included value is in force: it fails its range check by key.
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Cannot set prepare.max-len to 0");
  }
}
