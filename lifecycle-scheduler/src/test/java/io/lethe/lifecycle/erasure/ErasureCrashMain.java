package io.lethe.lifecycle.erasure;

import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.lifecycle.quartz.SchedulerSettings;
import io.minio.MinioClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The node that {@link ErasureCrashPostgresIT} kills: a Quartz scheduler on the test's schema
 * that fires the erasure job (slowed down) and runs until the test sends SIGKILL.
 *
 * <p>Arguments: JDBC URL, user, key folder, S3 endpoint, access key, secret key, bucket; the
 * database password comes in {@code LETHE_TEST_PG_PASSWORD}, never on the command line.
 */
public final class ErasureCrashMain {

  private ErasureCrashMain() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(args[0]);
    ds.setUser(args[1]);
    ds.setPassword(System.getenv().getOrDefault("LETHE_TEST_PG_PASSWORD", ""));
    MinioClient client = MinioClient.builder().endpoint(args[3]).credentials(args[4], args[5])
        .region("us-east-1").build();
    ErasureFixture f = new ErasureFixture(ds, client, args[6], Path.of(args[2]), false);
    LifecycleScheduler scheduler = LifecycleScheduler.create(ds,
        new SchedulerSettings(ErasureCrashPostgresIT.CLUSTER, "doomed-node", 1, Map.of(),
            Duration.ofSeconds(1)),
        f.runner, List.of(new Throttled(f.job, Duration.ofMillis(150))));
    scheduler.start();
    UUID run = scheduler.runNow(ErasureJob.NAME, false);
    System.out.println("RUN " + run);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until killed
  }
}
