package io.lethe.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a server that will listen later, in another process or after other work. A port from
 * {@code new ServerSocket(0)} is free only until something else asks the kernel for one, and the
 * embedded servers (S3Proxy, Elasticsearch, the web server) all do while Lethe starts: the port a
 * child process is about to listen on could be handed to another ("Port ... was already in
 * use"). The kernel never hands out a port below its ephemeral range, so a port chosen there can
 * only be taken by another explicit choice, which the bind check sees.
 */
public final class FreePorts {

  private FreePorts() {}

  /** A port nobody listens on now, below the kernel's ephemeral range where there is room. */
  public static int free() {
    int ephemeralLow = ephemeralRangeStart();
    if (ephemeralLow > 2048) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int attempt = 0; attempt < 200; attempt++) {
        int port = random.nextInt(Math.max(1024, ephemeralLow - 12_000), ephemeralLow);
        try (ServerSocket s = new ServerSocket(port)) {
          return s.getLocalPort();
        } catch (IOException taken) {
          // Someone listens there: try another.
        }
      }
    }
    // No room below the range, or none free there: the kernel's own choice is the best left.
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of the kernel's ephemeral port range (Linux), else the IANA default. */
  private static int ephemeralRangeStart() {
    try {
      // Read as lines: Files.readString gave back only the first character of this procfs file.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException notLinux) {
      return 49152;
    }
  }
}
