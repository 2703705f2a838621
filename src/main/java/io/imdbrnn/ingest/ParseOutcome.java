package io.imdbrnn.ingest;

/** Either a review or the reason its file was rejected, never both. */
public record ParseOutcome(String source, Review review, String error) {
  public static ParseOutcome ok(String source, Review review) {
    return new ParseOutcome(source, review, null);
  }

  public static ParseOutcome rejected(String source, String error) {
    return new ParseOutcome(source, null, error);
  }

  public boolean isRejected() {
    return error != null;
  }
}
