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
 * goes, where JMH's wall-clock throughput does not.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.lethe.storage.crypto.FieldCipherCost
 * [rounds] [operations per round]}
 */
public final class FieldCipherCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private interface Op {
    byte[] run() throws Exception;
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
    Op[] ways = new Op[names.length];
    for (int i = 0; i < aads.length; i++) {
      byte[] aad = aads[i];
      byte[] ct = sealed[i];
      ways[i] = () -> {
        cipher.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
        if (aad.length > 0) {
          cipher.updateAAD(aad);
        }
        return cipher.doFinal(ct);
      };
    }
    ways[4] = () -> lethe.decrypt(key, context, stored);
    ways[5] = () -> {
      byte[] fresh = new byte[12];
      random.nextBytes(fresh);
      cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, fresh));
      return cipher.doFinal(plaintext);
    };
    ways[6] = () -> lethe.encrypt(key, context, plaintext);
    long[][] cpu = new long[ways.length][rounds];
    long sink = 0;
    for (int round = -5; round < rounds; round++) { // five rounds of warm-up
      for (int way = 0; way < ways.length; way++) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
          sink += ways[way].run().length;
        }
        long used = THREADS.getCurrentThreadCpuTime() - start;
        if (round >= 0) {
          cpu[way][round] = used;
        }
      }
    }
    System.out.printf("%d rounds of %d operations, load %s, %s, sink %d%n", rounds, ops,
        Files.readString(Path.of("/proc/loadavg")).trim(), System.getProperty("java.vm.version"),
        sink);
    double plainDecrypt = median(cpu[0]) / ops;
    double plainEncrypt = median(cpu[5]) / ops;
    for (int way = 0; way < ways.length; way++) {
      double ns = median(cpu[way]) / ops;
      double base = way < 5 ? plainDecrypt : plainEncrypt;
      System.out.printf("%-28s median %6.1f ns CPU/op, min %6.1f, ratio plain/this %.3f%n",
          names[way], ns, Arrays.stream(cpu[way]).min().orElse(0) / (double) ops, base / ns);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
