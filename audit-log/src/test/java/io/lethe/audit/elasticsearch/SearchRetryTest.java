package io.lethe.audit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A search answered 503 (a shard not started yet) is tried again; other failures are not. */
class SearchRetryTest {

  private static ElasticsearchException answered(int status) {
    return new ElasticsearchException("search", ErrorResponse.of(r -> r.status(status)
        .error(e -> e.type("no_shard_available_action_exception").reason("not started"))));
  }

  @Test
  void a503ThatPasses_isRetried_andTheSearchAnswers() {
    AtomicInteger calls = new AtomicInteger();
    String answer = ElasticsearchAuditSearch.call(() -> {
      if (calls.incrementAndGet() < 3) {
        throw answered(503);
      }
      return "hits";
    });
    assertThat(answer).isEqualTo("hits");
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailures_failAtOnce_withTheIndexCode() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> ElasticsearchAuditSearch.call(() -> {
      calls.incrementAndGet();
      throw answered(400);
    })).isInstanceOf(AuditException.class).extracting(e -> ((AuditException) e).code())
        .isEqualTo(AuditErrorCode.INDEX_UNAVAILABLE);
    assertThatThrownBy(() -> ElasticsearchAuditSearch.call(() -> {
      calls.incrementAndGet();
      throw new IOException("connection refused");
    })).isInstanceOf(AuditException.class);
    assertThat(calls).as("one attempt each").hasValue(2);
  }

  @Test
  void a503ThatLasts_failsAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> ElasticsearchAuditSearch.call(() -> {
      calls.incrementAndGet();
      throw answered(503);
    })).isInstanceOf(AuditException.class);
    assertThat(calls).hasValue(5);
  }
}
