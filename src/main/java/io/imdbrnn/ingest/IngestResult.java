package io.imdbrnn.ingest;

import java.util.Map;

/**
 * What one ingest run wrote.
 *
 * @param counts reviews written per {@code split/label} (e.g. {@code train/pos})
 * @param rejected malformed files skipped (always 0 in failfast mode)
 * @param ignoredEntries archive entries outside the layout, such as train/unsup
 */
public record IngestResult(
    String output, Map<String, Long> counts, long rejected, long ignoredEntries) {
  public long reviews() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
