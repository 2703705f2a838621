package io.imdbrnn.bundle;

import java.util.List;
import java.util.Map;

/**
 * {@code <registry>/champion.json}: which model of a registry is in service. It is the registry's
 * only mutable file and is replaced whole by a rename, so a reader sees either the old champion or
 * the new one. It lives in this package because every reader of a bundle must be able to follow it;
 * the registry package owns writing it.
 *
 * @param modelId the champion's model id; its bundle is {@code models/<modelId>}
 * @param decisionId the decision that made it champion
 * @param since when it became champion (ISO-8601)
 * @param previous earlier champions, most recent first, for rollback
 * @param decision the whole decision record, so a decision log that missed it can be healed
 * @param provenance the promote run that wrote this pointer (null in pointers older than it)
 */
public record ChampionPointer(
    int formatVersion,
    String modelId,
    String decisionId,
    String since,
    List<String> previous,
    Map<String, Object> decision,
    Provenance provenance) {
  public static final String FILE = "champion.json";

  /** 1: with the format version and provenance; files without them read as 0. */
  public static final int FORMAT_VERSION = 1;

  public static final String MODELS_DIR = "models";

  public ChampionPointer {
    previous = previous == null ? List.of() : List.copyOf(previous);
    // Not Map.copyOf: a decision has null fields (no champion before the first).
    decision =
        decision == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decision));
  }

  /** The champion's bundle under a registry root. */
  public String bundlePath(String registry) {
    return modelPath(registry, modelId);
  }

  public static String modelPath(String registry, String modelId) {
    return stripSlash(registry) + "/" + MODELS_DIR + "/" + modelId;
  }

  public static String stripSlash(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
