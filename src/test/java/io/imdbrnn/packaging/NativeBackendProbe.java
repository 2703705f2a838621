package io.imdbrnn.packaging;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

/**
 * Run by {@link ClusterJarIT} in a child JVM whose classpath is only Spark's jars plus the cluster
 * jar: proves the jar still carries a working ND4J native backend and that Spark's Kryo serializer,
 * with the registrator from conf/, round-trips an ND4J array.
 */
public final class NativeBackendProbe {
  private NativeBackendProbe() {}

  public static void main(String[] args) {
    INDArray x = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2});
    System.out.println("backend=" + Nd4j.getBackend().getClass().getName());
    System.out.println("mmul-sum=" + x.mmul(x).sumNumber().doubleValue());

    SparkConf conf =
        new SparkConf()
            .set("spark.serializer", KryoSerializer.class.getName())
            .set("spark.kryo.registrator", "io.imdbrnn.runtime.NdArrayKryoRegistrator");
    SerializerInstance kryo = new KryoSerializer(conf).newInstance();
    INDArray back =
        kryo.deserialize(
            kryo.serialize(x, ClassTag$.MODULE$.apply(INDArray.class)),
            ClassTag$.MODULE$.apply(INDArray.class));
    System.out.println("kryo-roundtrip=" + back.equals(x));
  }
}
