package io.imdbrnn.runtime;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Kryo registrator to name in {@code spark.kryo.registrator}: everything ND4J's {@link
 * Nd4jRegistrator} registers, with ND4J arrays written by {@link BulkNdArraySerializer} instead of
 * element by element. Both ends of a transfer must use the same registrator (the cluster jar and
 * {@code conf/} set it for driver and executors alike).
 */
public final class NdArrayKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    // Often the first thing in an executor to load ND4J's native backend, so it chooses first.
    OpenBlasKernels.apply();
    new Nd4jRegistrator().registerClasses(kryo);
    // Registering a registered class again replaces its serializer.
    kryo.register(Nd4j.getBackend().getNDArrayClass(), new BulkNdArraySerializer());
  }
}
