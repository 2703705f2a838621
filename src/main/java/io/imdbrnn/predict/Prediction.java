package io.imdbrnn.predict;

/**
 * One scored (or refused) review.
 *
 * @param status {@code ok}, or why the review was not scored ({@code empty}, {@code invalid-utf8},
 *     {@code too-long})
 * @param probability of a positive review; NaN unless status is ok
 */
public record Prediction(String id, String status, double probability) {
  public static final String OK = "ok";
  public static final String EMPTY = "empty";
  public static final String INVALID_UTF8 = "invalid-utf8";
  public static final String TOO_LONG = "too-long";

  public Integer label() {
    return OK.equals(status) ? (probability >= 0.5 ? 1 : 0) : null;
  }

  public String tsv() {
    return OK.equals(status)
        ? String.format("%s\t%s\t%.6f\t%d", id, status, probability, label())
        : id + "\t" + status + "\t\t";
  }

  public String json() {
    String quotedId = "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return OK.equals(status)
        ? String.format(
            "{\"id\":%s,\"status\":\"ok\",\"probability\":%.6f,\"label\":%d}",
            quotedId, probability, label())
        : String.format(
            "{\"id\":%s,\"status\":\"%s\",\"probability\":null,\"label\":null}", quotedId, status);
  }
}
