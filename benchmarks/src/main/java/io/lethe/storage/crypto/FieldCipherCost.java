package io.lethe.storage.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CPU time one thread spends per 32-byte field decryption and encryption: Lethe's format
 * against a plain AES-GCM loop with one reused {@link Cipher} (the JMH benchmark's baseline),
 * and that loop with associated data of a few lengths, to separate what the JCE charges for
 * associated data from what Lethe's own code costs. Thread CPU time, every way in turn in each
 * round, the median of the rounds: the comparison holds on a machine whose other work comes and
 * goes, where JMH's wall-clock throughput does not. Ratios are plain over Lethe (1.0: no overhead).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.lethe.storage.crypto.FieldCipherCost
 * [rounds] [operations per round]}
 */
public final class FieldCipherCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One way of doing it; each has its own loop so the JIT compiles each loop on its own. */
  private interface Way {
    long loop(int ops) throws Exception;
  }

  private FieldCipherCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    SecureRandom random = new SecureRandom();
    SecretBytes key = SecretBytes.random(32, random);
    FieldContext context = new FieldContext(UUID.randomUUID(), UUID.randomUUID(), "idNumber", 1);
    FieldCipher lethe = FieldCipher.create();
    byte[] plaintext = new byte[32];
    random.nextBytes(plaintext);
    byte[] stored = lethe.encrypt(key, context, plaintext);
    SecretKeySpec spec = new SecretKeySpec(key.revealCopy(), "AES");
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    byte[][] aads = {new byte[0], new byte[32], new byte[46], new byte[48]};
    byte[][] sealed = new byte[aads.length][];
    for (int i = 0; i < aads.length; i++) {
      Cipher sealing = Cipher.getInstance("AES/GCM/NoPadding");
      sealing.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
      if (aads[i].length > 0) {
        sealing.updateAAD(aads[i]);
      }
      sealed[i] = sealing.doFinal(plaintext);
    }
    String[] names = {"plain decrypt, no aad", "plain decrypt, aad 32", "plain decrypt, aad 46",
        "plain decrypt, aad 48", "lethe decrypt (v2, aad 46)", "plain encrypt, no aad",
        "lethe encrypt (v2)"};
    Way[] ways = new Way[names.length];
    ways[0] = ops1 -> plainDecrypt(cipher, spec, nonce, aads[0], sealed[0], ops1);
    ways[1] = ops1 -> plainDecrypt(cipher, spec, nonce, aads[1], sealed[1], ops1);
    ways[2] = ops1 -> plainDecrypt(cipher, spec, nonce, aads[2], sealed[2], ops1);
    ways[3] = ops1 -> plainDecrypt(cipher, spec, nonce, aads[3], sealed[3], ops1);
    ways[4] = ops1 -> letheDecrypt(lethe, key, context, stored, ops1);
    ways[5] = ops1 -> plainEncrypt(cipher, spec, random, plaintext, ops1);
    ways[6] = ops1 -> letheEncrypt(lethe, key, context, plaintext, ops1);
    long[][] cpu = new long[ways.length][rounds];
    long sink = 0;
    for (int round = -5; round < rounds; round++) { // five rounds of warm-up
      for (int way = 0; way < ways.length; way++) {
        long start = THREADS.getCurrentThreadCpuTime();
        sink += ways[way].loop(ops);
        long used = THREADS.getCurrentThreadCpuTime() - start;
        if (round >= 0) {
          cpu[way][round] = used;
        }
      }
    }
    System.out.printf("%d rounds of %d operations, load %s, %s, sink %d%n", rounds, ops,
        Files.readString(Path.of("/proc/loadavg")).trim(), System.getProperty("java.vm.version"),
        sink);
    // The minimum is the round least disturbed by other work: on a loaded machine it is the
    // steadier figure; on a quiet one median and minimum agree.
    for (int way = 0; way < ways.length; way++) {
      int base = way < 5 ? 0 : 5;
      double median = median(cpu[way]) / ops;
      double min = min(cpu[way]) / ops;
      System.out.printf("%-28s median %6.1f ns CPU/op (ratio %.3f), min %6.1f (ratio %.3f)%n",
          names[way], median, median(cpu[base]) / ops / median, min, min(cpu[base]) / ops / min);
    }
  }

  private static long plainDecrypt(Cipher cipher, SecretKeySpec spec, byte[] nonce, byte[] aad,
      byte[] ct, int ops) throws Exception {
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      cipher.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      sink += cipher.doFinal(ct).length;
    }
    return sink;
  }

  private static long letheDecrypt(FieldCipher lethe, SecretBytes key, FieldContext context,
      byte[] stored, int ops) {
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      sink += lethe.decrypt(key, context, stored).length;
    }
    return sink;
  }

  private static long plainEncrypt(Cipher cipher, SecretKeySpec spec, SecureRandom random,
      byte[] plaintext, int ops) throws Exception {
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      byte[] fresh = new byte[12];
      random.nextBytes(fresh);
      cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, fresh));
      sink += cipher.doFinal(plaintext).length;
    }
    return sink;
  }

  private static long letheEncrypt(FieldCipher lethe, SecretBytes key, FieldContext context,
      byte[] plaintext, int ops) {
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      sink += lethe.encrypt(key, context, plaintext).length;
    }
    return sink;
  }

  private static double min(long[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
