package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays constant whatever the object's size: a 512 MiB object goes in and out of the
 * store in a child JVM whose heap is 64 MiB, and comes out with the digest it went in with.
 */
class ObjectStoreMemoryIT {

  static final long SIZE = 512L * 1024 * 1024;
  static final String HEAP = "-Xmx64m";
  private static final Pattern RESULT = Pattern.compile(
      "RESULT in=([0-9a-f]{64}) out=([0-9a-f]{64}) bytes=(\\d+) .*");

  @TempDir
  Path work;

  @Test
  void aHalfGibObject_roundTripsThroughA64MibHeap() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // Under Failsafe the class path is a manifest-only jar naming the whole test class path.
    Process child = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), MemoryProofMain.class.getName(),
        work.toString(), Long.toString(SIZE))
        .redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
    boolean exited = child.waitFor(15, TimeUnit.MINUTES);
    if (!exited) {
      child.destroyForcibly();
    }
    List<String> log = Files.readAllLines(work.resolve("child.log"), StandardCharsets.UTF_8);
    String tail = String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));

    assertThat(exited).as("child finished; output:\n%s", tail).isTrue();
    assertThat(child.exitValue()).as("child exit code; output:\n%s", tail).isZero();
    String result = log.stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
    System.out.println("memory proof " + HEAP + ": " + result);
    Matcher m = RESULT.matcher(result);
    assertThat(m.matches()).isTrue();
    assertThat(m.group(2)).isEqualTo(m.group(1));
    assertThat(Long.parseLong(m.group(3))).isEqualTo(SIZE);
    deleteTree(work);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> {
        p.toFile().delete();
      });
    }
  }
}
