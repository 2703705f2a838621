package io.imdbrnn.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.model.fused.FusedKernels;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where a model or a decision came from, in one typed record shared by the model bundle, the
 * baseline, the report and the registry's champion pointer: the settings, the data and its digest,
 * this program's version, the versions of its main dependencies as loaded at run time (not as
 * declared at build time), the JVM, the operating system, the CPU architecture, whether the fused
 * layers ran their SIMD or their scalar path (which changes results in the last bits), and the
 * start and end times.
 *
 * @param settings the settings that shape the result ({@code section.key -> value})
 * @param input the input path, with any credentials redacted
 * @param inputDigest a digest of the input (see {@link io.imdbrnn.fs.DataDigest}); null when the
 *     record predates it
 * @param kernels {@code simd} or {@code scalar}
 * @param sources other files that shaped the result, by the setting that named them, with their
 *     digest (e.g. {@code train.word-vectors -> sha256:…}); empty when none, or when the record
 *     predates them
 */
public record Provenance(
    Map<String, Object> settings,
    String input,
    String inputDigest,
    String codeVersion,
    Map<String, String> versions,
    String jvm,
    String os,
    String arch,
    String kernels,
    String startedAt,
    String endedAt,
    Map<String, String> sources) {

  public Provenance {
    settings = settings == null ? Map.of() : copy(settings);
    versions = versions == null ? Map.of() : copy(versions);
    sources = sources == null ? Map.of() : copy(sources);
  }

  /** This provenance with {@code more} sources. */
  public Provenance withSources(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(sources);
    all.putAll(more);
    return new Provenance(
        settings,
        input,
        inputDigest,
        codeVersion,
        versions,
        jvm,
        os,
        arch,
        kernels,
        startedAt,
        endedAt,
        all);
  }

  /** The provenance of work that started at {@code startedAt} and ends now. */
  public static Provenance of(
      Map<String, Object> settings,
      String input,
      String inputDigest,
      String sparkVersion,
      String startedAt) {
    return new Provenance(
        settings,
        input,
        inputDigest,
        BuildInfo.version(),
        versions(sparkVersion),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        FusedKernels.path(),
        startedAt,
        Instant.now().toString(),
        Map.of());
  }

  /**
   * Moves the provenance fields that manifests written before this record kept at their top level
   * ({@code settings}, the input under {@code inputField}, {@code codeVersion}, {@code versions},
   * {@code startedAt}, {@code endedAt}) into a {@code provenance} object, so that an old manifest
   * binds like a new one; what old manifests did not record stays null.
   */
  public static void upgradeLegacy(ObjectNode manifest, String inputField) {
    if (manifest.has("provenance")) {
      return;
    }
    ObjectNode p = manifest.putObject("provenance");
    for (String field : List.of("settings", "codeVersion", "versions", "startedAt", "endedAt")) {
      if (manifest.has(field)) {
        p.set(field, manifest.remove(field));
      }
    }
    if (manifest.has(inputField)) {
      p.set("input", manifest.remove(inputField));
    }
  }

  /** The versions of the libraries on the class path, as loaded. */
  static Map<String, String> versions(String sparkVersion) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("spark", sparkVersion);
    v.put("deeplearning4j", artifactVersion("org.deeplearning4j", "deeplearning4j-nn"));
    v.put("nd4j", artifactVersion("org.nd4j", "nd4j-native"));
    v.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    v.put("java", System.getProperty("java.version"));
    return v;
  }

  /**
   * The version in an artifact's {@code pom.properties}, which Maven packs into its jar and the
   * shaded jar keeps; {@code unknown} when it is not on the class path.
   */
  static String artifactVersion(String group, String artifact) {
    String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Not Map.copyOf: a setting may be null. */
  private static <V> Map<String, V> copy(Map<String, V> m) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
