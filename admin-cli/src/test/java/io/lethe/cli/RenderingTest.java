package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {

  @Test
  void table_alignsColumns_underUpperCaseHeaders() {
    String t = Table.render(List.of("id", "status"),
        List.of(List.of("a1", "ACTIVE"), List.of("b22222", "SUSPENDED")), 100);
    assertThat(t).isEqualTo("""
        ID      STATUS
        a1      ACTIVE
        b22222  SUSPENDED
        """);
  }

  @Test
  void table_tooWide_shortensTheWidestColumn_toFitTheWidth() {
    String longReason = "x".repeat(200);
    String t = Table.render(List.of("id", "reason"), List.of(List.of("abc", longReason)), 40);
    assertThat(t.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(t).contains("abc  xxx").contains("…");
  }

  @Test
  void table_widthComesFromColumns_orDefaultsTo100() {
    assertThat(OutputOptions.width(java.util.Map.of("COLUMNS", "60"))).isEqualTo(60);
    assertThat(OutputOptions.width(java.util.Map.of())).isEqualTo(100);
    assertThat(OutputOptions.width(java.util.Map.of("COLUMNS", "wide"))).isEqualTo(100);
  }

  @Test
  void csv_quotesCommasQuotesAndLineBreaks() {
    String csv = Csv.render(List.of("id", "reason"),
        List.of(List.of("1", "fraud, \"big\" one"), List.of("2", "line\nbreak")));
    assertThat(csv).isEqualTo("id,reason\r\n1,\"fraud, \"\"big\"\" one\"\r\n2,\"line\nbreak\"\r\n");
  }

  @Test
  void csv_emptyForNull() {
    assertThat(Csv.cell(null)).isEmpty();
  }
}
