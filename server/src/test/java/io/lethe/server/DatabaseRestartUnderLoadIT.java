package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PrivatePostgres;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL (a private server) restarted while two clients create records. Requests that meet
 * the restart fail cleanly — a 503 problem with a code, never a 500 or a stack trace — the
 * server serves again once the database is back, and every record whose creation was answered
 * 201 exists, with its {@code record.create} event, and no other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseRestartUnderLoadIT {

  @RegisterExtension static final PrivatePostgres pg = new PrivatePostgres();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", pg::jdbcUrl);
    registry.add("spring.datasource.username", pg::user);
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    registry.add("lethe.data-dir", () -> dataDir.toString());
    registry.add("lethe.objects.endpoint", s3::endpoint);
    registry.add("lethe.objects.access-key", s3::accessKey);
    registry.add("lethe.objects.secret-key", s3::secretKey);
    registry.add("lethe.audit.elasticsearch-mode", () -> "off");
    registry.add("lethe.keys.keyring-passphrase", () -> "correct horse battery staple");
  }

  @LocalServerPort int port;

  @Test
  void aRestartUnderLoad_fails503Cleanly_recovers_andLosesNoEventOfASuccess() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    ClientLoad load = ClientLoad.start(2, answers -> answers.add(admin.post(
        "/v1/subjects/" + subject + "/records", """
            {"type":"account","fields":{"idType":"resident-id","name":"王二",
             "idNumber":"11010519491231002X","mobile":"13933334444"}}""")));
    try {
      load.awaitStatus(201, 20);
      pg.restart();
      load.awaitStatus(201, load.count(201) + 20);
    } finally {
      load.stop();
    }

    List<ApiClient.Response> answers = load.answers();
    for (ApiClient.Response r : answers) {
      assertThat(r.status()).as(r.raw().body()).isIn(201, 503);
      if (r.status() == 503) {
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.json().path("code").asText()).matches("(storage|audit)\\.[a-z.-]+");
        assertThat(r.raw().body()).doesNotContain("\tat ", "Caused by", "13933334444");
      }
    }
    long created = load.count(201);
    DataSource db = dataSource();
    assertThat(Tally.count(db, "SELECT count(*) FROM records")).isEqualTo(created);
    assertThat(Tally.events(db, "record.create", "success")).hasSize((int) created);
    assertThat(load.count(503)).as("requests that met the restart").isPositive();
  }

  private static DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(pg.jdbcUrl());
    ds.setUser(pg.user());
    return ds;
  }
}
