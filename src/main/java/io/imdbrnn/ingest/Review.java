package io.imdbrnn.ingest;

/** A validated review; the fields of {@link io.imdbrnn.datasets.ReviewsDataset}. */
public record Review(String id, String split, int label, int rating, String text) {}
