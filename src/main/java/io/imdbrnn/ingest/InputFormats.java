package io.imdbrnn.ingest;

import io.imdbrnn.config.IngestFormat;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Decides how an input is laid out when {@code ingest.format=auto}. */
final class InputFormats {
  private static final IngestFormat[] TABLES = {
    IngestFormat.CSV, IngestFormat.TSV, IngestFormat.JSONL
  };

  private InputFormats() {}

  static IngestFormat resolve(FileSystem fs, Path input, IngestFormat requested)
      throws IOException {
    if (requested != IngestFormat.AUTO) {
      return requested;
    }
    FileStatus status = fs.getFileStatus(input);
    if (status.isFile()) {
      IngestFormat byName = byName(input.getName());
      if (byName == null) {
        throw new BadInputException(
            String.format(
                "Cannot tell the format of input %s from its name; set %s to one of aclimdb,"
                    + " csv, tsv, jsonl or parquet.",
                input, IngestSettings.FORMAT));
      }
      return byName;
    }
    if (DirectorySource.isAclImdb(fs, input)) {
      return IngestFormat.ACLIMDB;
    }
    for (FileStatus child : fs.listStatus(input)) {
      String name = child.getPath().getName();
      if (child.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
        IngestFormat byName = byName(name);
        if (byName != null && byName != IngestFormat.ACLIMDB) {
          return byName;
        }
      }
    }
    return IngestFormat.FOLDERS;
  }

  /** The format a file's name says, or null. */
  static IngestFormat byName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return IngestFormat.ACLIMDB;
    }
    if (n.endsWith(".parquet")) {
      return IngestFormat.PARQUET;
    }
    for (IngestFormat f : TABLES) {
      if (TableFileSource.hasExtension(n, f)) {
        return f;
      }
    }
    return null;
  }
}
