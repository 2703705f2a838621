package io.imdbrnn.ingest;

/**
 * A validated text; the fields of {@link io.imdbrnn.datasets.ReviewsDataset}. {@code split} is null
 * until assigned (inputs that do not say), {@code rating} is null outside aclImdb.
 */
public record Review(String id, String split, String label, Integer rating, String text) {}
