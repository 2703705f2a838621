package io.imdbrnn.config;

import io.imdbrnn.errors.BadInputException;

/** Settings of the train stage ({@code train.*} in the config). */
public record TrainSettings(
    @Setting(
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc = "The prepared dataset written by `prepare`.")
        String input,
    @Setting(
            mayChangeOnResume = true,
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                "Where the model bundle is written: model.zip, vocabulary.tsv, prepare.json,"
                    + " manifest.json, history/.")
        String output,
    @Setting(
            value = "simple-rnn",
            label = "CELL",
            help = "simple-rnn, lstm, gru (fused), cnn, or simple-rnn-stock, lstm-stock.",
            doc =
                """
                The layer that reads the words: simple-rnn (ReLU, the reference network), lstm \
                (tanh, sigmoid gates, DL4J's parameter layout) or gru (Keras/PyTorch reset_after \
                convention), recurrent cells on the fused SIMD layers; cnn, a 1-D convolution of \
                hidden-size ReLU feature maps, each reading conv-width neighbouring words (Kim \
                2014; needs pooling max, mean or max-mean); simple-rnn-stock and lstm-stock are the \
                recurrent cells on DL4J's stock layers, much slower, kept as baselines.""")
        Cell cell,
    @Setting(value = "32", min = 1, max = 4096, doc = "Embedding width.") int embeddingSize,
    @Setting(
            addedLater = true,
            value = "0.05",
            min = 0,
            minExclusive = true,
            max = 1,
            doc =
                """
                The embedding's random start: each number uniform in ±this (Keras's 0.05 by \
                default). A wider start gives every word, even one seen once, a vector of its own \
                from the first step; Kim (2014) drew ±0.25 for random word vectors. Rows that \
                word-vectors or init-from give start from those instead.""")
        double embeddingInitRange,
    @Setting(
            value = "32",
            min = 1,
            max = 4096,
            doc = "Recurrent state size; for cnn, the feature maps of each convolution layer.")
        int hiddenSize,
    @Setting(
            value = "1",
            min = 1,
            max = 8,
            doc =
                """
                Recurrent (or convolution) layers stacked; each but the last passes its whole \
                output sequence to the next.""")
        int layers,
    @Setting(
            addedLater = true,
            value = "3",
            min = 1,
            max = 64,
            doc =
                """
                cnn only: how many neighbouring words each feature map reads (its window, centred \
                on each word; texts are padded at both ends as needed, so every word is read). \
                Kim (2014) used windows of 3 to 5 words.""")
        int convWidth,
    @Setting(
            value = "false",
            doc =
                """
                Run each recurrent layer in both directions (own parameters each) and concatenate \
                them; the backward direction starts at each review's last real token. lstm and gru \
                only.""")
        boolean bidirectional,
    @Setting(
            value = "0",
            min = 0,
            max = 0.9,
            doc =
                """
                Share of each recurrent layer's inputs (the embeddings for the first) and of the last \
                layer's outputs dropped in training (inverted dropout, off at inference); 0 turns it \
                off.""")
        double dropout,
    @Setting(
            addedLater = true,
            value = "0",
            min = 0,
            max = 0.9,
            doc =
                """
                Share of each training text's words read as the unknown word, drawn afresh for \
                every text in every epoch (word dropout): the classifier cannot lean on a few \
                words it memorised, and learns what an unknown word means. Off at validation and \
                inference; 0 turns it off. Classifiers only.""")
        double wordDropout,
    @Setting(
            value = "last",
            label = "POOLING",
            help = "last, max, mean or max-mean.",
            doc =
                """
                How the last recurrent layer's outputs become one vector per review: last (the state \
                after the last step, each direction's own), max or mean (of each unit over the \
                review's steps; with mask-padding, over its real steps only), or max-mean (both side \
                by side, twice as wide).""")
        Pooling pooling,
    @Setting(
            addedLater = true,
            value = "none",
            label = "WEIGHTS",
            help = "none or balanced.",
            doc =
                """
                How much each training text counts in the loss by its class: none (alike) or \
                balanced (a text of class c weighs n / (K n_c), so rare classes count as much as \
                frequent ones; for unbalanced data, at some cost in accuracy on the frequent \
                classes). Validation loss and every evaluation figure stay unweighted.""")
        ClassWeights classWeights,
    @Setting(
            addedLater = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                Word vectors that start the embedding: a text file in the GloVe, word2vec or \
                fastText format (a word and its numbers per line, separated by spaces; an optional \
                first line "count dimension"; compressed .gz files too), on any Hadoop filesystem. \
                The rows of the vocabulary's words found in it start from their vectors, the others \
                as usual. Its vectors must have embedding-size numbers. Empty: none. Classifiers \
                only.""")
        String wordVectors,
    @Setting(
            addedLater = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                A model bundle whose embedding and recurrent layers start this classifier \
                (pretraining): typically a next-word language model of the same texts or more \
                (prepare.task=next-word), or another classifier. Embedding rows go by word, from \
                the bundle's vocabulary to this one's (words it lacks keep the random start), and \
                must be embedding-size wide; each recurrent layer it has starts the same layer \
                here, which must be of the same cell and size (a one-direction layer starts the \
                forward direction of a bidirectional one). The output layer starts afresh. Empty: \
                none. Classifiers only; not with word-vectors.""")
        String initFrom,
    @Setting(
            addedLater = true,
            value = "true",
            doc =
                """
                With word-vectors or init-from: false keeps the embedding as they made it (frozen, \
                with the rows of words not found at their random start), so words seen only in \
                pretraining keep their meaning; true trains it with the rest of the network.""")
        boolean wordVectorsTrainable,
    @Setting(
            addedLater = true,
            value = "0",
            min = 0,
            max = 1000,
            doc =
                """
                With word-vectors or init-from: the first N epochs hold the layers they started \
                (the embedding, and with init-from the recurrent layers the bundle has) at \
                learning rate 0 while the rest trains; from epoch N + 1 all train at the \
                schedule's rate. The new layers first learn to read the pretrained ones, so their \
                early, large gradients do not disturb them (ULMFiT's gradual unfreezing, in one \
                stage). At train.epochs or more the pretrained layers never train. 0: none.""")
        int freezeEpochs,
    @Setting(
            mayChangeOnResume = true,
            value = "10",
            min = 1,
            max = 1000,
            doc = "Passes over the training rows.")
        int epochs,
    @Setting(value = "0.001", min = 0, minExclusive = true, max = 1, doc = "Adam step size.")
        double learningRate,
    @Setting(
            value = "0.85",
            min = 0,
            minExclusive = true,
            max = 1,
            doc =
                """
                Multiplies the learning rate after every epoch: epoch e trains at learning-rate × \
                decay^(e-1); 1 keeps it constant. The default keeps the ReLU RNN from diverging in \
                late epochs, where workers that average less often drifted apart.""")
        double learningRateDecay,
    @Setting(value = "32", min = 1, max = 65_536, doc = "Minibatch size on each worker.")
        int batchSize,
    @Setting(
            value = "40",
            min = 1,
            max = 10_000,
            doc =
                """
                Minibatches each worker fits between parameter averages. Higher is faster (less \
                synchronisation) but drifts further from single-machine training. With one worker \
                averaging changes nothing, so an epoch then runs as one round whatever this says.""")
        int averagingFrequency,
    @Setting(
            mayChangeOnResume = true,
            value = "0",
            min = 0,
            max = 10_000,
            doc = "Parallel training workers (Spark tasks); 0 means the Spark default parallelism.")
        int workers,
    @Setting(
            value = "0.2",
            min = 0,
            max = 0.9,
            doc =
                """
                Share of the train split held out for validation, chosen by a seeded hash of the \
                text id. 0 fits every training text and validates on none: for the final model of \
                a recipe whose epochs were chosen with validation (needs early-stopping-patience \
                0; the history then has no validation figures).""")
        double validationFraction,
    @Setting(
            addedLater = true,
            value = "1",
            min = 0,
            minExclusive = true,
            max = 1,
            doc =
                """
                Share of the train split's texts whose labels are used, chosen by a seeded hash of \
                the text id (independent of the validation hold-out, which is then cut from \
                them); the others are left out of training. For learning curves and low-label \
                experiments: the vocabulary, and word vectors learned beforehand, still come from \
                every training text.""")
        double labelFraction,
    @Setting(
            value = "42",
            doc = "Seeds the weights, the validation split and the per-epoch shuffle.")
        long seed,
    @Setting(
            addedLater = true,
            mayChangeOnResume = true,
            value = "1",
            min = 1,
            max = TrainSettings.MAX_ENSEMBLE_SIZE,
            doc =
                """
                Networks trained, each from its own random start and shuffle (seeds drawn from \
                seed) on the same fitting and validation rows, each stopping early on its own; the \
                model scores a text with the mean of their probabilities. An ensemble of 3 costs 3 \
                trainings and 3 scorings and is more accurate than any one of its members, most \
                where labelled texts are few. Classifiers only; init-from an ensemble starts from \
                its first member.""")
        int ensembleSize,
    @Setting(
            addedLater = true,
            value = "false",
            doc =
                """
                With ensemble-size above 1: each member holds out its own share of the train \
                split for validation (validation-fraction of it, hashed with the member's seed), \
                so together the members fit nearly every labelled text and differ more. The \
                ensemble's validation figures are then the mean of its members' (no text is held \
                out from all of them); false validates every member, and the ensemble, on the same \
                texts.""")
        boolean ensembleOwnValidation,
    @Setting(
            mayChangeOnResume = true,
            value = "0",
            min = 0,
            max = 1000,
            doc =
                """
                Stop after this many epochs without a better validation figure (the loss, or \
                early-stopping-metric); 0 turns early stopping off.""")
        int earlyStoppingPatience,
    @Setting(
            mayChangeOnResume = true,
            value = "loss",
            label = "METRIC",
            help = "loss or accuracy.",
            doc =
                """
                What early stopping watches and keeps the best epoch by: the validation loss \
                (lower is better) or the validation accuracy (higher is better; on a tie, the lower \
                loss). Accuracy suits small validation sets whose loss rises while more texts are \
                still classified right.""")
        StoppingMetric earlyStoppingMetric,
    @Setting(
            mayChangeOnResume = true,
            value = "true",
            doc =
                "With early stopping: keep the parameters of the best epoch rather than the last.")
        boolean restoreBest,
    @Setting(
            value = "false",
            doc =
                """
                Mask the padding (Keras mask_zero=True): padded steps leave the recurrent state \
                unchanged, so a review's prediction does not depend on how much padding precedes it, \
                and each batch is trimmed to its longest review. Off by default, for parity with the \
                reference Keras run.""")
        boolean maskPadding,
    @Setting(
            value = "false",
            doc =
                """
                Needs mask-padding: sort reviews by length within pools of bucket-pool-batches \
                minibatches, so a batch holds reviews of similar length and is trimmed to its longest \
                member (same result, fewer steps).""")
        boolean bucketByLength,
    @Setting(
            value = "50",
            min = 1,
            max = 10_000,
            doc =
                """
                Minibatches per sorting pool. Larger pools make tighter buckets but batch order less \
                random.""")
        int bucketPoolBatches,
    @Setting(
            mayChangeOnResume = true,
            runOnly = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                After every epoch the network, its Adam state, the early-stopping state and the \
                history so far are written here (complete or absent; only the newest is kept; only \
                checkpoints this program wrote are ever removed). Empty: <output>.checkpoints beside \
                the output. Removed once the bundle is in place.""")
        String checkpointDir,
    @Setting(
            mayChangeOnResume = true,
            runOnly = true,
            value = "false",
            doc =
                """
                Continue from the newest checkpoint (if there is one) instead of starting over; a \
                checkpoint from different settings is refused. Without it, training starts over and \
                replaces old checkpoints. Set it for scheduled retries.""")
        boolean resume,
    @Setting(
            mayChangeOnResume = true,
            runOnly = true,
            value = "false",
            doc = StagePaths.OVERWRITE_DOC)
        boolean overwrite)
    implements StagePaths {
  public static final String INPUT = "train.input";
  public static final String OUTPUT = "train.output";
  public static final String CELL = "train.cell";
  public static final String POOLING = "train.pooling";
  public static final String CONV_WIDTH = "train.conv-width";
  public static final String CLASS_WEIGHTS = "train.class-weights";
  public static final String WORD_VECTORS = "train.word-vectors";
  public static final String EMBEDDING_INIT_RANGE = "train.embedding-init-range";
  public static final String BIDIRECTIONAL = "train.bidirectional";
  public static final String INIT_FROM = "train.init-from";
  public static final String WORD_VECTORS_TRAINABLE = "train.word-vectors-trainable";
  public static final String WORD_DROPOUT = "train.word-dropout";
  public static final String FREEZE_EPOCHS = "train.freeze-epochs";
  public static final String VALIDATION_FRACTION = "train.validation-fraction";
  public static final String LABEL_FRACTION = "train.label-fraction";
  public static final String ENSEMBLE_SIZE = "train.ensemble-size";
  public static final String ENSEMBLE_OWN_VALIDATION = "train.ensemble-own-validation";

  /** The most networks an ensemble holds; also a limit on what a bundle may ask to be read. */
  public static final int MAX_ENSEMBLE_SIZE = 16;

  public static final String EARLY_STOPPING_PATIENCE = "train.early-stopping-patience";
  public static final String MASK_PADDING = "train.mask-padding";
  public static final String BUCKET_BY_LENGTH = "train.bucket-by-length";
  public static final String CHECKPOINT_DIR = "train.checkpoint-dir";

  public TrainSettings {
    SettingsSchema.check(
        TrainSettings.class,
        input,
        output,
        cell,
        embeddingSize,
        embeddingInitRange,
        hiddenSize,
        layers,
        convWidth,
        bidirectional,
        dropout,
        wordDropout,
        pooling,
        classWeights,
        wordVectors,
        initFrom,
        wordVectorsTrainable,
        freezeEpochs,
        epochs,
        learningRate,
        learningRateDecay,
        batchSize,
        averagingFrequency,
        workers,
        validationFraction,
        labelFraction,
        seed,
        ensembleSize,
        ensembleOwnValidation,
        earlyStoppingPatience,
        earlyStoppingMetric,
        restoreBest,
        maskPadding,
        bucketByLength,
        bucketPoolBatches,
        checkpointDir,
        resume,
        overwrite);
    checkpointDir = checkpointDir == null ? "" : checkpointDir.strip();
    wordVectors = wordVectors == null ? "" : wordVectors.strip();
    initFrom = initFrom == null ? "" : initFrom.strip();
    if (!wordVectors.isEmpty() && !initFrom.isEmpty()) {
      throw new BadInputException(
          "Cannot set both "
              + WORD_VECTORS
              + " and "
              + INIT_FROM
              + ": each starts the embedding. Give one.");
    }
    if (bidirectional && cell != null && !cell.bidirectionalCapable()) {
      throw new BadInputException(
          String.format(
              "Cannot set %s = true with %s = %s: only lstm and gru have a backward direction.",
              BIDIRECTIONAL, CELL, cell.settingName()));
    }
    if (cell != null && !cell.recurrent() && pooling == Pooling.LAST) {
      throw new BadInputException(
          String.format(
              "Cannot set %s = %s with %s = last: a convolution has no last state. Set %s to max,"
                  + " mean or max-mean.",
              CELL, cell.settingName(), POOLING, POOLING));
    }
    if (freezeEpochs > 0 && wordVectors.isEmpty() && initFrom.isEmpty()) {
      throw new BadInputException(
          String.format(
              "Cannot set %s = %d without %s or %s: nothing pretrained to hold still.",
              FREEZE_EPOCHS, freezeEpochs, WORD_VECTORS, INIT_FROM));
    }
    if (!wordVectorsTrainable && wordVectors.isEmpty() && initFrom.isEmpty()) {
      throw new BadInputException(
          "Cannot set "
              + WORD_VECTORS_TRAINABLE
              + " = false without "
              + WORD_VECTORS
              + " or "
              + INIT_FROM
              + ": the embedding would stay at its random start.");
    }
    if (validationFraction == 0 && earlyStoppingPatience > 0) {
      throw new BadInputException(
          String.format(
              "Cannot set %s = 0 with %s = %d: early stopping watches the validation figures, and"
                  + " there is no validation part. Fix the epoch count instead (train.epochs).",
              VALIDATION_FRACTION, EARLY_STOPPING_PATIENCE, earlyStoppingPatience));
    }
    if (bucketByLength && !maskPadding) {
      throw new BadInputException(
          "Cannot set "
              + BUCKET_BY_LENGTH
              + " = true without "
              + MASK_PADDING
              + " = true: without a mask, a batch trimmed to its longest review computes something"
              + " different from the padded one.");
    }
  }

  @Override
  public String section() {
    return "train";
  }

  /**
   * Where checkpoints go: {@code checkpoint-dir}, or {@code <output>.checkpoints} beside the
   * output.
   */
  public String checkpointLocation() {
    if (!checkpointDir.isEmpty()) {
      return checkpointDir;
    }
    String out = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    return out + ".checkpoints";
  }
}
