package io.lethe.benchmarks;

import io.lethe.storage.crypto.FieldCipher;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.SecretBytes;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
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
 * Lethe's field format (AES-256-GCM, random nonce, associated data binding subject, record,
 * field and schema version) against the plainest correct AES-GCM loop: one reused {@link Cipher}
 * and key, a fresh random nonce per call, no associated data. The ratio is the cost of the format.
 * The key is already unwrapped (a warm subject-key cache), as on the hot read path.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FieldEncryptionBenchmark {

  private final SecureRandom random = new SecureRandom();
  private final FieldCipher fieldCipher = FieldCipher.create();
  private SecretBytes key;
  private FieldContext context;
  private byte[] plaintext;
  private byte[] stored;

  private Cipher cipher;
  private SecretKeySpec keySpec;
  private byte[] nonce;
  private byte[] plainLoopCiphertext;

  @Setup
  public void setUp() throws Exception {
    key = SecretBytes.random(32, random);
    context = new FieldContext(UUID.randomUUID(), UUID.randomUUID(), "idNumber", 1);
    plaintext = new byte[32];
    random.nextBytes(plaintext);
    stored = fieldCipher.encrypt(key, context, plaintext);

    cipher = Cipher.getInstance("AES/GCM/NoPadding");
    keySpec = new SecretKeySpec(key.revealCopy(), "AES");
    nonce = new byte[12];
    random.nextBytes(nonce);
    cipher.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
    plainLoopCiphertext = cipher.doFinal(plaintext);
  }

  @Benchmark
  public byte[] letheEncrypt32() {
    return fieldCipher.encrypt(key, context, plaintext);
  }

  @Benchmark
  public byte[] letheDecrypt32() {
    return fieldCipher.decrypt(key, context, stored);
  }

  @Benchmark
  public byte[] plainEncrypt32() throws Exception {
    byte[] fresh = new byte[12];
    random.nextBytes(fresh);
    cipher.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(128, fresh));
    return cipher.doFinal(plaintext);
  }

  private final byte[] aad46 = new byte[46];
  private final byte[] aad48 = new byte[48];
  private final byte[] aad32 = new byte[32];
  private byte[] ct46;
  private byte[] ct48;
  private byte[] ct32;

  @Setup
  public void setUpAad() throws Exception {
    ct46 = sealWith(aad46);
    ct48 = sealWith(aad48);
    ct32 = sealWith(aad32);
  }

  private byte[] sealWith(byte[] aad) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(plaintext);
  }

  private byte[] openWith(byte[] aad, byte[] ct) throws Exception {
    cipher.init(Cipher.DECRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(ct);
  }

  @Benchmark
  public byte[] plainDecrypt32Aad46() throws Exception {
    return openWith(aad46, ct46);
  }

  @Benchmark
  public byte[] plainDecrypt32Aad48() throws Exception {
    return openWith(aad48, ct48);
  }

  @Benchmark
  public byte[] plainDecrypt32Aad32() throws Exception {
    return openWith(aad32, ct32);
  }

  @Benchmark
  public byte[] plainDecrypt32() throws Exception {
    cipher.init(Cipher.DECRYPT_MODE, keySpec, new GCMParameterSpec(128, nonce));
    return cipher.doFinal(plainLoopCiphertext);
  }
}
