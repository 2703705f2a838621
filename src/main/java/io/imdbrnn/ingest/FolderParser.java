package io.imdbrnn.ingest;

/**
 * Validates one file of a folder-per-class tree, {@code [<split>/]<class>/<name>.txt}: the class is
 * its folder's name, the split its parent's (or assigned later), the id its path without the
 * extension; the content passes the checks every text file passes ({@link ReviewParser#content}).
 */
final class FolderParser implements FileParser {
  private static final long serialVersionUID = 1L;

  private final long maxBytes;
  private final String encoding;
  private final String extension;

  FolderParser(long maxBytes, String encoding, String extension) {
    this.maxBytes = maxBytes;
    this.encoding = encoding;
    this.extension = extension;
  }

  @Override
  public ParseOutcome parse(RawFile file) {
    String source = file.source();
    if (file.problem() != null) {
      return ParseOutcome.rejected(source, file.problem());
    }
    String[] parts = file.layoutPath().split("/");
    String split = parts.length == 3 ? SplitNames.normalize(parts[0]) : null;
    String label = parts[parts.length - 2];
    String layout = file.layoutPath();
    String id = layout.substring(0, layout.length() - extension.length());
    return ReviewParser.content(file.content(), maxBytes, encoding)
        .outcome(source, text -> new Review(id, split, label, null, text));
  }
}
