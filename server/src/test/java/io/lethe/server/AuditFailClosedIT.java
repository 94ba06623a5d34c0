package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reads whose event cannot be committed are refused and return no data: record reads, lookups
 * and object gets, alone and many at once (their events share group commits), and they work
 * again once the outbox is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditFailClosedIT {

  private static final String NAME = "赵六";
  private static final String MOBILE = "13900004444";
  private static final String OUTBOX_CODE = "audit.outbox.unavailable";

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  ApiClient admin;
  final ExecutorService clients = Executors.newFixedThreadPool(8);

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @AfterEach
  void outboxBack() throws Exception {
    clients.shutdownNow();
    if (count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
        + "AND table_name = 'audit_outbox_away'", pg.schema()) > 0) {
      execute("ALTER TABLE audit_outbox_away RENAME TO audit_outbox");
    }
  }

  @Test
  void reads_whoseEventCannotBeCommitted_areRefused_andReturnNoData() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s",
         "idNumber":"11010519491231002X","mobile":"%s"}}""".formatted(NAME, MOBILE))
        .json().path("id").asText();
    String object = admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident",
        "image/jpeg", "FAIL-CLOSED-PHOTO".getBytes(StandardCharsets.US_ASCII))
        .json().path("id").asText();

    execute("ALTER TABLE audit_outbox RENAME TO audit_outbox_away");

    ApiClient.Response read = admin.get(recordPath(record));
    assertThat(read.status()).isEqualTo(503);
    assertThat(read.json().path("code").asText()).isEqualTo(OUTBOX_CODE);
    assertThat(read.raw().body()).doesNotContain(NAME);
    ApiClient.Response plain = admin.get(recordPath(record) + "&view=plain");
    assertThat(plain.status()).isEqualTo(503);
    assertThat(plain.raw().body()).doesNotContain(NAME).doesNotContain(MOBILE);
    ApiClient.Response lookup = admin.get(lookupPath());
    assertThat(lookup.status()).isEqualTo(503);
    assertThat(lookup.raw().body()).doesNotContain(record);
    HttpResponse<byte[]> photo = admin.getBytes("/v1/objects/" + object
        + "?purpose=accident-handling");
    assertThat(photo.statusCode()).isEqualTo(503);
    assertThat(new String(photo.body(), StandardCharsets.US_ASCII))
        .doesNotContain("FAIL-CLOSED-PHOTO");

    List<ApiClient.Response> together = concurrently(24, () -> admin.get(recordPath(record)));
    assertThat(together).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.raw().body()).doesNotContain(NAME);
    });

    execute("ALTER TABLE audit_outbox_away RENAME TO audit_outbox");
    long readsBefore = events("record.read", record);

    List<ApiClient.Response> again = concurrently(24, () -> admin.get(recordPath(record)));
    assertThat(again).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("fields").path("name").asText()).isNotBlank();
    });
    assertThat(events("record.read", record) - readsBefore)
        .as("one committed event for each read served").isEqualTo(24);
    assertThat(admin.get(lookupPath()).status()).isEqualTo(200);
    assertThat(admin.getBytes("/v1/objects/" + object + "?purpose=accident-handling")
        .statusCode()).isEqualTo(200);
  }

  @Test
  void onPostgres_aGroupCommitsBatchIsSentAsMultiRowInserts() {
    assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class, pool ->
        assertThat(pool.getDataSourceProperties())
            .containsEntry("reWriteBatchedInserts", "true"));
  }

  private <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(clients.submit(call));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  private static String recordPath(String record) {
    return "/v1/records/" + record + "?purpose=account-management";
  }

  private static String lookupPath() {
    return "/v1/records?type=account&field=mobile&value=" + MOBILE
        + "&purpose=account-management";
  }

  private long events(String action, String record) throws Exception {
    return count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ? AND document LIKE ?",
        "%\"" + action + "\"%", "%" + record + "%");
  }

  private long count(String sql, String... params) throws Exception {
    return ServerUnderTest.count(pg.dataSource(), sql, params);
  }

  private void execute(String sql) throws Exception {
    try (var c = pg.dataSource().getConnection(); var s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
