package io.lethe.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a run: a plain table on the console and the same figures as JSON. */
final class LoadReport {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();
  private final List<String[]> rows = new ArrayList<>();

  /** {@code options}: the run's settings record, kept in the JSON as they were given. */
  LoadReport(Object options) {
    ObjectNode machine = root.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("cpuModel", cpuModel());
    machine.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
    machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
    root.put("startedAt", Instant.now().toString());
    root.set("options", JSON.valueToTree(options));
    root.putObject("figures");
    root.putObject("loadAverage");
  }

  /** One figure: a table row and a JSON field named {@code key}. */
  void figure(String key, String label, double value, String unit, String target) {
    ((ObjectNode) root.get("figures")).put(key, value);
    rows.add(new String[] {label, String.format(Locale.ROOT, "%,.2f", value), unit,
        target == null ? "" : target});
  }

  /** The one-minute load average now, kept under {@code phase}. */
  void loadAverage(String phase) {
    ((ObjectNode) root.get("loadAverage")).put(phase,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** A JSON object of its own under {@code key}, for figures that are not one number. */
  ObjectNode section(String key) {
    return root.has(key) ? (ObjectNode) root.get(key) : root.putObject(key);
  }

  void note(String key, String value) {
    root.put(key, value);
  }

  void print(PrintStream out) {
    out.printf("%-58s %14s  %-6s %s%n", "figure", "value", "unit", "target");
    for (String[] r : rows) {
      out.printf("%-58s %14s  %-6s %s%n", r[0], r[1], r[2], r[3]);
    }
    out.println("load average (1 min) at the end of each phase: " + root.get("loadAverage"));
  }

  /** The figures as a markdown table. */
  String markdownFigures() {
    StringBuilder md = new StringBuilder("| figure | value | unit | target |\n|---|---|---|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return md.toString();
  }

  void write(Path file) throws IOException {
    root.put("finishedAt", Instant.now().toString());
    Files.writeString(file, JSON.writeValueAsString(root));
  }

  private static String cpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
