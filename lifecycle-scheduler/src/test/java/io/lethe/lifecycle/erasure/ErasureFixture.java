package io.lethe.lifecycle.erasure;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.requests.RequestKind;
import io.lethe.lifecycle.requests.SubjectRequest;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.schema.Category;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A migrated database, a bucket, the erasure job (quick retries) and a runner with batches of
 * 2; also what the crash test's child process needs to build the same job.
 */
final class ErasureFixture {

  static final Backoff QUICK = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(4));

  final LifecycleFixture db;
  final MinioClient client;
  final String bucket;
  final ObjectStore objects;
  final SubjectRequests requests;
  final ErasureJob job;
  final JobRunner runner;
  final Erasures erasures = new Erasures();

  ErasureFixture(DataSource dataSource, MinioClient client, String bucket, Path keyDir,
      boolean createBucket) throws Exception {
    db = new LifecycleFixture(dataSource, keyDir, Clock.systemUTC());
    this.client = client;
    this.bucket = bucket;
    if (createBucket) {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }
    objects = ObjectStore.s3(client, bucket, db.keys);
    requests = new SubjectRequests(Clock.systemUTC(), db.audit, "erasure-test-policy");
    job = job(objects);
    runner = new JobRunner(dataSource, db.audit, Clock.systemUTC(), 2);
  }

  ErasureJob job(ObjectStore store) {
    return new ErasureJob(db.store, store, db.holds, requests, QUICK, Clock.systemUTC());
  }

  /** A subject with {@code records} device logs (due next year) and {@code photos} photos. */
  UUID aSubjectWith(int records, int photos) {
    UUID subject = db.aSubject();
    Instant later = Instant.now().plus(Duration.ofDays(365));
    for (int i = 0; i < records; i++) {
      db.record(subject, "device-log",
          Map.of("loggedAt", "2026-11-23T10:00:00+08:00", "deviceModel", "Mate 60"), later);
    }
    for (int i = 0; i < photos; i++) {
      byte n = (byte) i;
      db.in(c -> objects.put(c, subject, Category.BIOMETRIC, Optional.empty(), "image/jpeg",
          new ByteArrayInputStream(new byte[] {1, 2, 3, n}), 4));
    }
    return subject;
  }

  /** An erasure request as the API records it: the request RECEIVED, the erasure pending. */
  Erasure request(UUID subject) {
    return db.in(c -> {
      Optional<Erasure> pending = erasures.find(c, subject);
      if (pending.isPresent()) {
        return pending.get();
      }
      SubjectRequest request = requests.receive(c, subject, RequestKind.ERASURE, "admin");
      return erasures.request(c, subject, request.id(), "admin", request.createdAt());
    });
  }

  /** The statuses the erasure's request went through, oldest first, e.g. RECEIVED, RUNNING. */
  List<String> requestHistory(UUID requestId) {
    return db.in(c -> requests.find(c, requestId).orElseThrow().history().stream()
        .map(step -> step.status().name()).toList());
  }

  Erasure erasure(UUID subject) {
    return db.in(c -> erasures.find(c, subject).orElseThrow());
  }

  List<String> bucketKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    for (var r : client.listObjects(
        ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
      keys.add(r.get().objectName());
    }
    return keys;
  }

  long live(String table, UUID subject) {
    String sql = table.equals("records")
        ? "SELECT COUNT(*) FROM records WHERE subject_id = ? AND state <> 'DELETED'"
        : "SELECT COUNT(*) FROM " + table + " WHERE subject_id = ?";
    return db.count(sql, subject);
  }

  long fieldsOf(UUID subject) {
    return db.count("SELECT COUNT(*) FROM record_fields f JOIN records r ON r.id = f.record_id"
        + " WHERE r.subject_id = ?", subject);
  }

  /** Outbox sequence numbers of the subject's events with this action, in order. */
  List<Long> eventSeqs(String action, UUID subject) {
    return db.in(c -> {
      List<Long> out = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT seq FROM audit_outbox WHERE document LIKE ?"
          + " AND document LIKE ? AND document LIKE ? ORDER BY seq")) {
        ps.setString(1, "%\"action\":\"" + action + "\"%");
        ps.setString(2, "%\"outcome\":\"success\"%");
        ps.setString(3, "%" + subject + "%");
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return out;
    });
  }
}
