package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.schema.Category;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** A migrated database, a bucket in S3Proxy, the two sweeps and a runner with batches of 2. */
public final class SweepFixture {

  public final LifecycleFixture db;
  public final MinioClient client;
  public final String bucket;
  public final ObjectStore objects;
  public final RetentionSweep sweep;
  public final RetentionSweep biometric;
  /** The anonymization job under {@link #ANONYMIZE_ACCOUNTS}. */
  public final RetentionSweep anonymization;
  public final RetentionPolicy anonymizingPolicy;
  public final TombstonePurge tombstones;
  public final JobRunner runner;

  /**
   * The default policy, except that account records are anonymized too: accounts have the
   * searchable fields (ID number, mobile) whose blind index rows anonymization must remove.
   */
  static final String ANONYMIZE_ACCOUNTS = "    anonymize:\n      account:\n"
      + "        idType: keep\n        idNumber: drop\n        name: drop\n"
      + "        mobile: drop\n        province: keep\n        city: drop\n"
      + "        email: drop\n";

  public SweepFixture(DataSource dataSource, S3ProxyExtension s3, Path keyDir) throws Exception {
    db = new LifecycleFixture(dataSource, keyDir, Clock.systemUTC());
    client = s3.client();
    bucket = "lethe-" + UUID.randomUUID().toString().substring(0, 8);
    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    objects = ObjectStore.s3(client, bucket, db.keys);
    RetentionPolicy policy = RetentionPolicy.defaultPolicy();
    sweep = RetentionSweep.retentionSweep(policy, db.store, objects, db.holds);
    biometric = RetentionSweep.biometricPurge(policy, db.store, objects, db.holds);
    anonymizingPolicy = anonymizingAccounts();
    anonymizingPolicy.validateAgainst(io.lethe.storage.schema.Schema.defaultSchema());
    anonymization =
        RetentionSweep.anonymization(anonymizingPolicy, db.store, objects, db.holds);
    tombstones = new TombstonePurge(objects, java.time.Duration.ofDays(1));
    runner = new JobRunner(dataSource, db.audit, Clock.systemUTC(), 2);
  }

  private static RetentionPolicy anonymizingAccounts() {
    try (var in = RetentionPolicy.class.getResourceAsStream(
        "/io/lethe/lifecycle/policy/default-policy.yaml")) {
      String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String closed = "    countedFrom: subject-closed\n    action: delete\n";
      return RetentionPolicy.parse("anonymize-accounts.yaml", yaml.replace(closed,
          "    countedFrom: subject-closed\n    action: anonymize\n" + ANONYMIZE_ACCOUNTS));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Takes every record left by earlier tests out of the sweeps' reach. */
  public void forgetEarlierRecords() {
    db.in(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE records SET expires_at = NULL, policy_version = NULL, expiry_from = NULL,"
              + " expiry_event = NULL WHERE state = 'ACTIVE'")) {
        return ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  public UUID aPhotoOf(UUID subject, UUID record) {
    return db.in(c -> objects.put(c, subject, Category.BIOMETRIC, Optional.of(record),
        "image/jpeg", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3).id());
  }

  public List<String> bucketKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    for (var r : client.listObjects(
        ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
      keys.add(r.get().objectName());
    }
    return keys;
  }

  public JobRun run(LifecycleJob job, boolean dryRun) {
    return runner.run(job, dryRun);
  }
}
