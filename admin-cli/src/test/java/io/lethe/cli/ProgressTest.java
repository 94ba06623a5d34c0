package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  static JsonNode run(String status, long scanned, long deleted) throws Exception {
    return ApiClient.JSON.readTree("{\"status\":\"" + status + "\",\"counts\":{\"scanned\":"
        + scanned + ",\"deleted\":" + deleted + ",\"anonymized\":0,\"skippedForHold\":1,"
        + "\"failed\":0}}");
  }

  @Test
  void notATerminal_printsALine_onlyWhenSomethingChanged() throws Exception {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), false);
    p.show(run("RUNNING", 10, 1));
    p.show(run("RUNNING", 10, 1));
    p.show(run("SUCCEEDED", 20, 2));
    p.end();
    assertThat(out.toString()).isEqualTo("""
        RUNNING scanned=10 deleted=1 anonymized=0 skippedForHold=1 failed=0
        SUCCEEDED scanned=20 deleted=2 anonymized=0 skippedForHold=1 failed=0
        """);
  }

  @Test
  void terminal_redrawsOneLine_andFillsTheBarAtTheEnd() throws Exception {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), true);
    p.show(run("RUNNING", 10, 1));
    p.show(run("SUCCEEDED", 20, 2));
    p.end();
    String s = out.toString();
    assertThat(s).startsWith("\r").contains("\r/ [" + "#".repeat(20) + "] SUCCEEDED scanned=20")
        .endsWith("\u001b[K\n");
    assertThat(s.chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }
}
