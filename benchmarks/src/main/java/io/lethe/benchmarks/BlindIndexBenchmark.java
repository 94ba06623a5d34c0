package io.lethe.benchmarks;

import io.lethe.storage.crypto.BlindIndexMac;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Blind index digests of a normalized mobile number under a derived per-field key (ADR 0006),
 * against a bare HmacSHA256 whose key was set once: the limit of the primitive.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BlindIndexBenchmark {

  private SecretBytes fieldKey;
  private Mac mac;
  private final byte[] value = "13812345678".getBytes(StandardCharsets.UTF_8);

  @Setup
  public void setUp() throws Exception {
    SecretBytes root = SecretBytes.random(32, new SecureRandom());
    fieldKey = BlindIndexMac.fieldKey(root, "account", "mobile", 1);
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(fieldKey.revealCopy(), "HmacSHA256"));
  }

  @Benchmark
  public byte[] letheDigest16() {
    return BlindIndexMac.digest(fieldKey, "13812345678", 16);
  }

  @Benchmark
  public byte[] rawHmacSha256() {
    return mac.doFinal(value);
  }
}
