package io.imdbrnn.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenersTest {
  @Test
  void seesAWildcardListenerAndNotALoopbackOne() throws Exception {
    long self = ProcessHandle.current().pid();
    try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(Listeners.nonLoopback(Set.of(self))).isEmpty();
      try (ServerSocket wildcard = new ServerSocket()) {
        wildcard.bind(new InetSocketAddress(0));
        assertThat(Listeners.nonLoopback(Set.of(self)))
            .anyMatch(s -> s.contains(String.format(":%04X", wildcard.getLocalPort())));
      }
    }
  }
}
