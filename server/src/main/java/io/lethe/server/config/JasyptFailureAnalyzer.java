package io.lethe.server.config;

import com.ulisesbocchio.jasyptspringboot.EncryptablePropertySource;
import com.ulisesbocchio.jasyptspringboot.exception.DecryptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Explains a start that failed on an {@code ENC(...)} setting: the Jasypt password is missing, or
 * it does not decrypt the value. Jasypt's own message quotes the encrypted value and names no
 * setting; this names the setting (the environment variable or property that holds the value)
 * and the password variable, and quotes nothing.
 */
public final class JasyptFailureAnalyzer implements FailureAnalyzer {

  static final String VARIABLE = "JASYPT_ENCRYPTOR_PASSWORD";

  private final Environment environment;

  /** Spring Boot passes the failed application's environment. */
  public JasyptFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    DecryptionException wrong = null;
    boolean missing = false;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof DecryptionException d && wrong == null) {
        wrong = d;
      }
      missing |= t instanceof IllegalStateException && t.getMessage() != null
          && t.getMessage().contains("jasypt.encryptor.password");
    }
    if (wrong == null && !missing) {
      return null;
    }
    List<String> holders = encryptedSettings(wrong == null ? null : wrong.getMessage());
    String which = holders.isEmpty() ? "A setting holds an ENC(...) value"
        : holders.size() == 1 ? "The setting " + holders.get(0) + " holds an ENC(...) value"
        : "The settings " + String.join(", ", holders) + " hold ENC(...) values";
    String description = missing
        ? which + ", but " + VARIABLE + " is not set, so " + (holders.size() > 1 ? "they"
            : "it") + " cannot be decrypted."
        : which + " that " + VARIABLE + " does not decrypt: the password differs from the one the"
            + " value was encrypted with, or the value is damaged.";
    String action = "Set " + VARIABLE + " in the server's environment to the password the "
        + "ENC(...) values were made with ('lethe secrets encrypt' makes them), or replace the "
        + "value.";
    return new FailureAnalysis(description, action, failure);
  }

  /**
   * The names whose raw value is an ENC(...) value: the one quoted in {@code message} if it
   * names one, else all of them. Raw values are read beneath Jasypt's wrappers, which would try
   * to decrypt them again.
   */
  private List<String> encryptedSettings(String message) {
    TreeSet<String> all = new TreeSet<>();
    TreeSet<String> quoted = new TreeSet<>();
    if (!(environment instanceof ConfigurableEnvironment configurable)) {
      return List.of();
    }
    for (PropertySource<?> source : configurable.getPropertySources()) {
      PropertySource<?> raw = source;
      // Jasypt wraps twice (a typed wrapper around a caching decrypter around the original).
      while (raw instanceof EncryptablePropertySource<?> e && e.getDelegate() != raw) {
        raw = e.getDelegate();
      }
      if (!(raw instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        Object value = enumerable.getProperty(name);
        if (value instanceof CharSequence text && text.toString().trim().startsWith("ENC(")) {
          all.add(name);
          if (message != null && message.contains(text.toString().trim())) {
            quoted.add(name);
          }
        }
      }
    }
    return new ArrayList<>(quoted.isEmpty() ? all : quoted);
  }
}
