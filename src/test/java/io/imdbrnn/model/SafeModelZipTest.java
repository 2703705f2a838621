package io.imdbrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.config.Cell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;

class SafeModelZipTest {
  private static byte[] modelZip() throws Exception {
    MultiLayerNetwork net =
        NetworkFactory.create(new NetworkSpec(Cell.SIMPLE_RNN, 20, 4, 3, 4, 1e-3, 1, false));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, out, true);
    return out.toByteArray();
  }

  @Test
  void loadsWhatModelSerializerWrites() throws Exception {
    MultiLayerNetwork net =
        SafeModelZip.read(new ByteArrayInputStream(modelZip()), true, "test model");
    assertThat(net.numParams()).isEqualTo(20 * 3 + 3 * 4 + 4 * 4 + 4 + 5);
  }

  @Test
  void refusesAJavaSerializedEntryBeforeDl4jReadsIt() throws Exception {
    // A model.zip with DL4J's own preprocessor.bin entry, which ModelSerializer would read with
    // ObjectInputStream: any Serializable object there would be instantiated.
    ByteArrayOutputStream tampered = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(modelZip()));
        ZipOutputStream out = new ZipOutputStream(tampered)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(in.readAllBytes());
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("preprocessor.bin"));
      ObjectOutputStream objects = new ObjectOutputStream(out);
      objects.writeObject(new java.util.ArrayList<>(java.util.List.of("payload")));
      objects.flush();
      out.closeEntry();
    }
    assertThatThrownBy(
            () ->
                SafeModelZip.read(
                    new ByteArrayInputStream(tampered.toByteArray()), false, "bundle b: model.zip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "bundle b: model.zip contains 'preprocessor.bin', which is never loaded")
        .hasMessageContaining("no Java-serialized objects");
  }

  @Test
  void refusesSomethingThatIsNotAZip() {
    assertThatThrownBy(
            () -> SafeModelZip.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), false, "m.zip"))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessage("m.zip is not a zip file or is empty.");
  }
}
