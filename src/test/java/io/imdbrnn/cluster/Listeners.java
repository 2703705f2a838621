package io.imdbrnn.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Listening TCP sockets of given processes that are not bound to loopback, read from Linux's {@code
 * /proc}: the processes' socket inodes from {@code /proc/<pid>/fd}, matched against the LISTEN
 * entries of {@code /proc/net/tcp} and {@code tcp6}.
 */
final class Listeners {
  private static final String LISTEN = "0A";

  private Listeners() {}

  /** "address:port" of each listening socket of {@code pids} bound to anything but loopback. */
  static List<String> nonLoopback(Set<Long> pids) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      Path fds = Path.of("/proc", Long.toString(pid), "fd");
      try (Stream<Path> links = Files.list(fds)) {
        for (Path link : (Iterable<Path>) links::iterator) {
          try {
            String target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException gone) {
            // the descriptor closed while we looked
          }
        }
      } catch (IOException gone) {
        // the process ended
      }
    }
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
          String address = f[1].substring(0, f[1].indexOf(':'));
          if (!isLoopback(address)) {
            out.add(f[1] + " (" + table + ")");
          }
        }
      }
    }
    return out;
  }

  /** /proc/net addresses are hex, little-endian per 32-bit word. */
  private static boolean isLoopback(String hex) {
    return hex.equals("0100007F") // 127.0.0.1
        || hex.equals("00000000000000000000000001000000") // ::1
        || hex.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
  }
}
