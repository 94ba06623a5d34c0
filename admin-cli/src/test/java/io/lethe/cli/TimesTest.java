package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTest {

  static final Clock NOW = Clock.fixed(Instant.parse("2025-03-10T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void relativeTimes_countBackFromNow() {
    assertThat(Times.parse("30m", NOW)).isEqualTo("2025-03-10T11:30:00Z");
    assertThat(Times.parse("24h", NOW)).isEqualTo("2025-03-09T12:00:00Z");
    assertThat(Times.parse("7d", NOW)).isEqualTo("2025-03-03T12:00:00Z");
    assertThat(Times.parse("2w", NOW)).isEqualTo("2025-02-24T12:00:00Z");
    assertThat(Times.parse("90s", NOW)).isEqualTo("2025-03-10T11:58:30Z");
    assertThat(Times.parse("now", NOW)).isEqualTo("2025-03-10T12:00:00Z");
  }

  @Test
  void isoTimes_areReadWithTheirOffset_andDatesAsMidnightUtc() {
    assertThat(Times.parse("2025-01-02T03:04:05Z", NOW)).isEqualTo("2025-01-02T03:04:05Z");
    assertThat(Times.parse("2025-01-02T08:00:00+08:00", NOW)).isEqualTo("2025-01-02T00:00:00Z");
    assertThat(Times.parse("2025-01-02", NOW)).isEqualTo("2025-01-02T00:00:00Z");
  }

  @Test
  void anythingElse_isAUsageError() {
    assertThatThrownBy(() -> Times.parse("yesterday", NOW)).isInstanceOf(UsageException.class)
        .hasMessageContaining("24h");
    assertThatThrownBy(() -> Times.parse("5y", NOW)).isInstanceOf(UsageException.class);
  }

  @Test
  void badSinceOnTheCommandLine_exits2_beforeAnyRequest() {
    Cli.Result r = Cli.withEnv(java.util.Map.of("LETHE_API_KEY", "k",
        "LETHE_URL", "http://127.0.0.1:1")).run("audit", "search", "--since", "soon");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("lethe: usage: cannot read the time 'soon'");
  }
}
