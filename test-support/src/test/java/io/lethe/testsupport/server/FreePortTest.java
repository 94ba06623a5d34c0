package io.lethe.testsupport.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void aFreePort_liesBelowTheKernelsEphemeralRange_andCanBeListenedOn() throws Exception {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int ephemeralLow = Files.isReadable(range)
        ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 49152;
    for (int i = 0; i < 20; i++) {
      int port = LetheServerProcess.freePort();
      assertThat(port).isBetween(1024, ephemeralLow - 1);
      try (ServerSocket listening = new ServerSocket(port)) {
        assertThat(listening.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
