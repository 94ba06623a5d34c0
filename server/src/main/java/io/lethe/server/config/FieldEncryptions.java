package io.lethe.server.config;

import io.lethe.storage.crypto.FieldEncryption;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lethe's AES-GCM field encryption, always, unless {@code lethe.storage.insecure-field-encryption}
 * names a {@link FieldEncryption} class that a jar added to the class path declares as a service.
 * Only the benchmarks build such a jar (ADR 0018): it takes that jar and the setting together, so
 * neither alone changes anything, and the server says so loudly when both are there.
 */
final class FieldEncryptions {

  static final String SETTING = "lethe.storage.insecure-field-encryption";
  private static final Logger log = LoggerFactory.getLogger(FieldEncryptions.class);

  private FieldEncryptions() {}

  static FieldEncryption create(String configured) {
    return select(configured, ServiceLoader.load(FieldEncryption.class,
        FieldEncryption.class.getClassLoader()).stream());
  }

  static FieldEncryption select(String configured,
      Stream<ServiceLoader.Provider<FieldEncryption>> available) {
    if (configured == null || configured.isBlank()) {
      return FieldEncryption.aesGcm();
    }
    FieldEncryption chosen = available.filter(p -> p.type().getName().equals(configured.strip()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(SETTING + " names '" + configured.strip()
            + "', which no jar on the class path provides; remove the setting to encrypt fields"))
        .get();
    log.warn("************************************************************************");
    log.warn("FIELD VALUES ARE NOT ENCRYPTED: {} = {} replaces AES-GCM field encryption.",
        SETTING, chosen.getClass().getName());
    log.warn("This is for measuring what encryption costs, on throw-away data only (ADR 0018).");
    log.warn("Never run it with real personal data; remove the setting and the jar to encrypt.");
    log.warn("************************************************************************");
    return chosen;
  }
}
