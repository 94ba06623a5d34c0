package io.lethe.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of a process and the machine's load average, read from Linux's
 * {@code /proc}; zero where a file cannot be read (another OS, a process gone).
 */
final class ProcStats {

  /** Linux reports CPU time in clock ticks of {@code USER_HZ}, 100 on every common kernel. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** User plus system CPU seconds the process has used so far. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {@code VmRSS} (resident now) or {@code VmHWM} (peak resident) in MiB. */
  static double memoryMb(long pid, String field) {
    try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines.filter(l -> l.startsWith(field + ":")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0).orElse(0.0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The one-minute load average. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
