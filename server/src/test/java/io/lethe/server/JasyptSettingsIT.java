package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ulisesbocchio.jasyptspringboot.configuration.StringEncryptorBuilder;
import com.ulisesbocchio.jasyptspringboot.properties.JasyptEncryptorConfigurationProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.server.config.JasyptFailureAnalyzer;
import io.lethe.server.config.LetheProperties;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Secrets as Jasypt {@code ENC(...)} values in the environment (database password, S3 secret key,
 * keyring passphrase) are decrypted with {@code JASYPT_ENCRYPTOR_PASSWORD} from the environment;
 * without it, or with a wrong one, the start fails with an explanation naming the setting and
 * quoting no secret. The server starts in this JVM with an environment given as a map, which is
 * exactly how Spring reads the process environment.
 */
class JasyptSettingsIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir Path dataDir;

  static final String PASSWORD = "jasypt-password-for-tests-5e1b";
  static final String DB_PASSWORD = "db-password-5c0ffee";
  static final String PASSPHRASE = "keyring passphrase 9d2a";

  /** Encrypted by jasypt-spring-boot's own encryptor with its defaults, the server's settings. */
  static String enc(String plain, String password) {
    JasyptEncryptorConfigurationProperties settings = new JasyptEncryptorConfigurationProperties();
    settings.setPassword(password);
    return "ENC(" + new StringEncryptorBuilder(settings, "jasypt.encryptor").build().encrypt(plain)
        + ")";
  }

  private Map<String, Object> environment(String jasyptPassword) {
    Map<String, Object> env = new HashMap<>();
    env.put("LETHE_DATA_DIR", dataDir.toString());
    env.put("LETHE_PORT", "0");
    env.put("LETHE_AUDIT_ES_MODE", "off");
    env.put("LETHE_DATABASE_URL", pg.jdbcUrl());
    env.put("LETHE_DATABASE_USERNAME", pg.user());
    env.put("LETHE_DATABASE_PASSWORD", enc(DB_PASSWORD, PASSWORD));
    env.put("LETHE_S3_ENDPOINT", s3.endpoint());
    env.put("LETHE_S3_ACCESS_KEY", s3.accessKey());
    env.put("LETHE_S3_SECRET_KEY", enc(s3.secretKey(), PASSWORD));
    env.put("LETHE_KEYRING_PASSPHRASE", enc(PASSPHRASE, PASSWORD));
    if (jasyptPassword != null) {
      env.put("JASYPT_ENCRYPTOR_PASSWORD", jasyptPassword);
    }
    return env;
  }

  private static StandardEnvironment environmentOf(Map<String, Object> env) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return environment;
  }

  private static ConfigurableApplicationContext start(StandardEnvironment environment) {
    return new SpringApplicationBuilder(LetheServer.class).environment(environment).run();
  }

  @Test
  void encValues_areDecryptedWithThePasswordFromTheEnvironment() throws Exception {
    try (ConfigurableApplicationContext server = start(environmentOf(environment(PASSWORD)))) {
      LetheProperties properties = server.getBean(LetheProperties.class);
      // S3Proxy checks signatures: the start created the bucket with the decrypted secret.
      assertThat(properties.objects().secretKey()).isEqualTo(s3.secretKey());
      assertThat(properties.keys().keyringPassphrase()).isEqualTo(PASSPHRASE);
      assertThat(server.getBean(DataSource.class).unwrap(HikariDataSource.class).getPassword())
          .isEqualTo(DB_PASSWORD);
    }
    Path keyring = dataDir.resolve("keys/keyring.lethe");
    assertThat(keyring).exists();
    assertThat(KeyProvider.localKeyring(keyring, PASSPHRASE.toCharArray()).currentVersion())
        .as("the keyring is sealed by the decrypted passphrase").isEqualTo(1);
    assertThat(Files.readString(keyring, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(PASSPHRASE);
  }

  @Test
  void withoutThePassword_theStartFails_namingTheSettingAndTheVariable() {
    StandardEnvironment environment = environmentOf(environment(null));
    Throwable failure = catchThrowable(() -> start(environment).close());
    FailureAnalysis analysis = new JasyptFailureAnalyzer(environment).analyze(failure);
    assertThat(analysis).as("explained").isNotNull();
    assertThat(analysis.getDescription()).startsWith("The settings LETHE_DATABASE_PASSWORD, "
        + "LETHE_KEYRING_PASSPHRASE, LETHE_S3_SECRET_KEY hold ENC(...) values")
        .contains("JASYPT_ENCRYPTOR_PASSWORD is not set");
    assertThat(analysis.getAction()).contains("JASYPT_ENCRYPTOR_PASSWORD", "lethe secrets encrypt");
    assertNoSecret(analysis, failure);
  }

  @Test
  void withAWrongPassword_theStartFails_sayingThePasswordDoesNotDecrypt() {
    StandardEnvironment environment = environmentOf(environment("not-the-password"));
    Throwable failure = catchThrowable(() -> start(environment).close());
    FailureAnalysis analysis = new JasyptFailureAnalyzer(environment).analyze(failure);
    assertThat(analysis).as("explained").isNotNull();
    assertThat(analysis.getDescription())
        .containsPattern("^The setting LETHE_(DATABASE_PASSWORD|KEYRING_PASSPHRASE|S3_SECRET_KEY)"
            + " holds an ENC\\(\\.\\.\\.\\) value that JASYPT_ENCRYPTOR_PASSWORD does not "
            + "decrypt");
    assertNoSecret(analysis, failure);
  }

  private static void assertNoSecret(FailureAnalysis analysis, Throwable failure) {
    StringBuilder messages = new StringBuilder(analysis.getDescription() + analysis.getAction());
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      messages.append('\n').append(t.getMessage());
    }
    assertThat(messages.toString()).doesNotContain(PASSWORD, DB_PASSWORD, PASSPHRASE,
        s3.secretKey(), "not-the-password");
    assertThat(analysis.getDescription() + analysis.getAction()).as("no encrypted value quoted")
        .doesNotContainPattern("ENC\\([A-Za-z0-9+/=]");
  }
}
