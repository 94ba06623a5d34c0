package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.lethe.testsupport.server.LetheServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server is killed with SIGKILL while the erasure job works through many subjects'
 * erasure requests, one step per batch. After a restart the requests complete: every subject is
 * erased, its records are value-free tombstones, its objects are gone from the database and the
 * bucket, and each subject, record and object has exactly one event of its erasure step.
 */
class ErasureKilledMidRunIT {

  private static final int SUBJECTS = 30;
  private static final int PHOTOS_PER_SUBJECT = 2;

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path workDir;
  static LetheServerProcess server;

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anErasureKilledMidRun_completesAfterRestart_andErasesEachSubjectExactlyOnce()
      throws Exception {
    server = ServerUnderTest.oneItemPerBatch(workDir, pg, s3).start();
    ApiClient admin = new ApiClient(server.url(), server.bootstrapKey());
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < SUBJECTS; i++) {
      subjects.add(aSubjectWithARecordAndPhotos(admin));
    }
    DataSource db = pg.dataSource();
    assertThat(bucketFiles()).hasSize(SUBJECTS * PHOTOS_PER_SUBJECT);

    List<String> requests = new ArrayList<>();
    for (String subject : subjects) {
      ApiClient.Response accepted = admin.post("/v1/subjects/" + subject + "/erasure", null);
      assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
      requests.add(accepted.json().path("requestId").asText());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (done(db) < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    server.kill();
    long doneAtKill = done(db);
    assertThat(doneAtKill).as("killed mid-run; the server said:%n%s", tail(server.output()))
        .isBetween(1L, SUBJECTS - 1L);

    server.restart();
    deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (done(db) < SUBJECTS && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    for (String request : requests) {
      JsonNode status = admin.get("/v1/requests/" + request).json();
      assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("DONE");
    }
    assertThat(Tally.count(db, "SELECT count(*) FROM subjects WHERE status <> 'ERASED'")).isZero();
    assertThat(Tally.count(db, "SELECT count(*) FROM records WHERE state <> 'DELETED'")).isZero();
    assertThat(Tally.count(db, "SELECT count(*) FROM record_fields")).isZero();
    assertThat(Tally.count(db, "SELECT count(*) FROM objects")).isZero();
    assertThat(bucketFiles()).as("objects left in the bucket").isEmpty();
    assertOnePerId("subject.erase", "subject_id", SUBJECTS);
    assertOnePerId("subject.key.destroy", "subject_id", SUBJECTS);
    assertOnePerId("record.delete", "record_id", SUBJECTS);
    assertOnePerId("object.delete", "object_id", SUBJECTS * PHOTOS_PER_SUBJECT);
    assertThat(Tally.events(db, "subject.erase", "failure")).isEmpty();
  }

  private static String aSubjectWithARecordAndPhotos(ApiClient admin) throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"吴十",
         "idNumber":"11010519491231002X","mobile":"13977778888"}}""").json().path("id").asText();
    for (int p = 0; p < PHOTOS_PER_SUBJECT; p++) {
      ApiClient.Response photo = admin.postBytes("/v1/subjects/" + subject
          + "/objects?category=accident&recordId=" + record, "image/jpeg", new byte[4096]);
      assertThat(photo.status()).as(photo.raw().body()).isEqualTo(201);
    }
    return subject;
  }

  private static void assertOnePerId(String action, String idField, int expected)
      throws Exception {
    List<JsonNode> events = Tally.events(pg.dataSource(), action, "success");
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.path("lethe").path(idField).asText()));
    assertThat(events).as("%s events, none twice", action).hasSize(expected);
    assertThat(ids).as("distinct %s of %s events", idField, action).hasSize(expected);
  }

  private static long done(DataSource db) throws Exception {
    return Tally.count(db, "SELECT count(*) FROM data_subject_requests WHERE status = 'DONE'");
  }

  /** Every file under the bucket's folder. */
  private static Set<String> bucketFiles() throws Exception {
    Path bucket = s3.directory().resolve("lethe-objects");
    Set<String> keys = new HashSet<>();
    if (!Files.isDirectory(bucket)) {
      return keys;
    }
    try (Stream<Path> files = Files.walk(bucket)) {
      files.filter(Files::isRegularFile).forEach(f -> keys.add(bucket.relativize(f).toString()));
    }
    return keys;
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 6000));
  }
}
