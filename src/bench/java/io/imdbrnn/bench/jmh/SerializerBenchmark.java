package io.imdbrnn.bench.jmh;

import io.imdbrnn.runtime.NdArrayKryoRegistrator;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * A Kryo round trip of what every parameter-averaging round broadcasts: the reference network's
 * 322,113 parameters and Adam's 644,226 moments as floats (3.87 MB), through Spark's serializer
 * with our registrator ({@code bulk}, as {@code conf/} configures it) and with ND4J's own ({@code
 * nd4j}, element by element).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class SerializerBenchmark {
  @Param({"bulk", "nd4j"})
  public String registrator;

  private SerializerInstance kryo;
  private Object payload;

  @Setup(Level.Trial)
  public void setUp() {
    String name =
        registrator.equals("bulk")
            ? NdArrayKryoRegistrator.class.getName()
            : "org.nd4j.kryo.Nd4jRegistrator";
    kryo =
        new KryoSerializer(
                new SparkConf()
                    .set("spark.kryo.registrator", name)
                    .set("spark.kryoserializer.buffer.max", "256m"))
            .newInstance();
    INDArray params = Nd4j.rand(DataType.FLOAT, 1, 322_113);
    INDArray moments = Nd4j.rand(DataType.FLOAT, 1, 644_226);
    payload = new Tuple2<>(params, moments);
  }

  @Benchmark
  public Object roundTrip() {
    ByteBuffer bytes = kryo.serialize(payload, ClassTag$.MODULE$.AnyRef());
    return kryo.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
  }
}
