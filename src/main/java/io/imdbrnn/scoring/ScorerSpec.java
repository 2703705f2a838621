package io.imdbrnn.scoring;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.model.PortableEnsemble;
import io.imdbrnn.text.Vocabulary;
import java.io.Serializable;

/**
 * What an executor needs to score raw text, in a form that broadcasts once: the networks ({@link
 * PortableEnsemble}), the vocabulary and the encoding settings. Each executor thread builds its own
 * {@link TextScorer} from it once (a network is not safe to share between threads).
 */
public final class ScorerSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PortableEnsemble networks;
  private final Vocabulary vocabulary;
  private final int maxLen;
  private final int ngrams;
  private final boolean maskPadding;
  private final int batchSize;
  private final long maxReviewBytes;
  private transient ThreadLocal<TextScorer> scorers;

  public ScorerSpec(ModelBundle bundle, int batchSize, long maxReviewBytes) {
    this.networks = PortableEnsemble.of(bundle.ensemble());
    this.vocabulary = bundle.vocabulary();
    this.maxLen = bundle.prepared().maxLen();
    this.ngrams = bundle.prepared().ngramsOrDefault();
    this.maskPadding = bundle.maskPadding();
    this.batchSize = batchSize;
    this.maxReviewBytes = maxReviewBytes;
  }

  public int batchSize() {
    return batchSize;
  }

  public long maxReviewBytes() {
    return maxReviewBytes;
  }

  /** This thread's scorer, built on first use. */
  public synchronized TextScorer scorer() {
    if (scorers == null) {
      scorers = ThreadLocal.withInitial(this::build);
    }
    return scorers.get();
  }

  private TextScorer build() {
    return new TextScorer(networks.rebuild(), vocabulary, maxLen, ngrams, batchSize, maskPadding);
  }
}
