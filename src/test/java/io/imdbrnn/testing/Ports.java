package io.imdbrnn.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the daemons a test starts. */
public final class Ports {
  private Ports() {}

  /** A port free on 127.0.0.1 now (the OS picks it). */
  public static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
