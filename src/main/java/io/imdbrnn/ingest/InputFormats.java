package io.imdbrnn.ingest;

import io.imdbrnn.config.IngestFormat;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Decides how an input is laid out when {@code ingest.format=auto}. */
final class InputFormats {
  private InputFormats() {}

  static IngestFormat resolve(FileSystem fs, Path input, IngestFormat requested)
      throws IOException {
    if (requested != IngestFormat.AUTO) {
      return requested;
    }
    FileStatus status = fs.getFileStatus(input);
    if (status.isFile()) {
      IngestFormat byName = IngestFormat.ofFileName(input.getName());
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
        IngestFormat byName = IngestFormat.ofFileName(name);
        if (byName != null && byName != IngestFormat.ACLIMDB) {
          return byName;
        }
      }
    }
    return IngestFormat.FOLDERS;
  }
}
