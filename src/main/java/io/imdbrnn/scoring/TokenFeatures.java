package io.imdbrnn.scoring;

import io.imdbrnn.errors.BadInputException;
import java.util.List;
import org.apache.spark.sql.Row;

/** Token-id rows as the float id rows the network reads ({@code maxLen} ids each). */
public final class TokenFeatures {
  private TokenFeatures() {}

  public static float[] row(Row row, int tokensField, int maxLen) {
    List<Integer> ids = row.getList(tokensField);
    if (ids.size() != maxLen) {
      throw new BadInputException(
          String.format(
              "Row %s has %d tokens; the prepared data promises %d.", row, ids.size(), maxLen));
    }
    float[] out = new float[maxLen];
    for (int i = 0; i < maxLen; i++) {
      out[i] = ids.get(i);
    }
    return out;
  }

  public static float[][] rows(List<Row> rows, int tokensField, int maxLen) {
    float[][] features = new float[rows.size()][];
    for (int i = 0; i < features.length; i++) {
      features[i] = row(rows.get(i), tokensField, maxLen);
    }
    return features;
  }
}
