package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HeapArraysTest {
  @Test
  void readsViewsPermutationsAndBothPrecisionsInRowMajorOrder() {
    INDArray a = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 2, 3, 4);
    float[] expected = new float[24];
    for (int i = 0; i < 24; i++) {
      expected[i] = i;
    }
    assertThat(HeapArrays.floats(a)).containsExactly(expected);
    assertThat(HeapArrays.floats(a.dup('f'))).containsExactly(expected);
    // A view that starts inside its buffer: the offset must be honoured.
    INDArray second = a.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all());
    assertThat(HeapArrays.floats(second)[0]).isEqualTo(12f);
    INDArray permuted = a.permute(0, 2, 1);
    assertThat(HeapArrays.floats(permuted)[1]).isEqualTo(4f);
    assertThat(HeapArrays.doubles(a)[23]).isEqualTo(23.0);
  }

  @Test
  void writesArraysOfTheRequestedTypeAndShapeAlsoInsideAWorkspace() {
    float[] values = {1.5f, -2f, 3f, 0f, 7f, 8f};
    WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
    try (MemoryWorkspace ws =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "heap-arrays-test")) {
      Nd4j.createUninitialized(DataType.FLOAT, 5); // so the next array does not start at 0
      INDArray f = HeapArrays.of(values, DataType.FLOAT, 2, 3);
      assertThat(f.shape()).containsExactly(2, 3);
      assertThat(f.getFloat(1, 1)).isEqualTo(7f);
      assertThat(HeapArrays.floats(f)).containsExactly(values);
      INDArray d = HeapArrays.of(new double[] {1, 2, 3, 4}, DataType.DOUBLE, 4, 1);
      assertThat(d.dataType()).isEqualTo(DataType.DOUBLE);
      assertThat(d.getDouble(3, 0)).isEqualTo(4.0);
      assertThat(HeapArrays.of(values, DataType.DOUBLE, 6).getDouble(0)).isEqualTo(1.5);
    }
  }
}
