package io.imdbrnn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

/** Round trips through Spark's Kryo serializer configured as conf/ configures it. */
class BulkNdArraySerializerTest {
  private static SerializerInstance kryo(String registrator) {
    return new KryoSerializer(
            new SparkConf()
                .set("spark.kryo.registrator", registrator)
                .set("spark.kryoserializer.buffer.max", "256m"))
        .newInstance();
  }

  private static Object roundTrip(SerializerInstance ser, Object value) {
    ByteBuffer bytes = ser.serialize(value, ClassTag$.MODULE$.AnyRef());
    return ser.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
  }

  @Test
  void everyKindOfArrayComesBackEqual() {
    SerializerInstance ser = kryo(NdArrayKryoRegistrator.class.getName());
    INDArray matrix = Nd4j.rand(DataType.FLOAT, 7, 5);
    List<INDArray> arrays =
        List.of(
            matrix,
            matrix.dup('f'),
            matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3)),
            matrix.getRow(3),
            Nd4j.scalar(2.5),
            Nd4j.rand(DataType.DOUBLE, 3, 4, 2),
            Nd4j.createFromArray(new int[] {1, -2, 3}),
            Nd4j.createFromArray(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}),
            Nd4j.createFromArray(new boolean[] {true, false, true}),
            Nd4j.rand(DataType.HALF, 4),
            Nd4j.empty(DataType.FLOAT),
            Nd4j.create(DataType.FLOAT, 0, 3),
            Nd4j.rand(DataType.FLOAT, 1, 322_113));
    for (INDArray a : arrays) {
      INDArray back = (INDArray) roundTrip(ser, a);
      assertThat(back.dataType()).as(a.shapeInfoToString()).isEqualTo(a.dataType());
      assertThat(back.shape()).as(a.shapeInfoToString()).isEqualTo(a.shape());
      assertThat(back.equals(a)).as(a.shapeInfoToString()).isTrue();
    }
  }

  @Test
  void arraysInsideOtherObjectsAndTheDefaultFormatAgreeOnValues() {
    INDArray params = Nd4j.rand(DataType.FLOAT, 1, 1000);
    Object[] tuple = {params, "x", params.mul(2)};
    Object[] back = (Object[]) roundTrip(kryo(NdArrayKryoRegistrator.class.getName()), tuple);
    assertThat(back[0]).isEqualTo(params);
    assertThat(back[2]).isEqualTo(params.mul(2));
    INDArray viaNd4j = (INDArray) roundTrip(kryo("org.nd4j.kryo.Nd4jRegistrator"), params);
    assertThat(viaNd4j).isEqualTo(back[0]);
  }

  @Test
  void aWrittenArrayDoesNotAliasTheOriginal() {
    SerializerInstance ser = kryo(NdArrayKryoRegistrator.class.getName());
    INDArray a = Nd4j.rand(DataType.FLOAT, 10);
    INDArray back = (INDArray) roundTrip(ser, a);
    a.addi(1);
    assertThat(back.equals(a)).isFalse();
    assertThat(back.equals(a.sub(1))).isTrue();
  }
}
