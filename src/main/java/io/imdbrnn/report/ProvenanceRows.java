package io.imdbrnn.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A manifest (nested JSON values) as one row per leaf, keyed by its dotted path. */
final class ProvenanceRows {
  private ProvenanceRows() {}

  static Map<String, String> flatten(Map<?, ?> manifest) {
    Map<String, String> out = new LinkedHashMap<>();
    add(out, "", manifest);
    return out;
  }

  private static void add(Map<String, String> out, String prefix, Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        add(
            out,
            prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
            e.getValue());
      }
    } else if (value instanceof Collection<?> list) {
      out.put(prefix, list.toString());
    } else {
      out.put(prefix, String.valueOf(value));
    }
  }
}
