package io.imdbrnn.scoring;

import java.util.List;
import org.apache.spark.sql.Row;

/** A window row's {@code chars} column as the {@code int[]} the batches are built from. */
public final class WindowRows {
  private WindowRows() {}

  public static int[] ids(Row row, int charsField) {
    List<Integer> chars = row.getList(charsField);
    int[] ids = new int[chars.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = chars.get(i);
    }
    return ids;
  }
}
