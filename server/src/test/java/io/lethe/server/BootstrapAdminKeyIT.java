package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first start with {@code LETHE_BOOTSTRAP_ADMIN_KEY} set: the admin holds exactly that key, no
 * key file is written, and the key appears in no log line. (Without the variable the key file is
 * written: every other server test logs in with it.)
 */
// Closed after the class: its settings are its own, and its connections go back to PostgreSQL.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminKeyIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;
  static final String KEY = io.lethe.server.security.ApiKey.generate().reveal();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    // The name application.yaml maps to lethe.security.bootstrap-admin-key, as the environment.
    registry.add("LETHE_BOOTSTRAP_ADMIN_KEY", () -> KEY);
  }

  @LocalServerPort int port;

  @Test
  void theAdminHoldsTheConfiguredKey_noFileIsWritten_andTheKeyIsNeverLogged(CapturedOutput output)
      throws Exception {
    ApiClient admin = new ApiClient("http://127.0.0.1:" + port, KEY);
    assertThat(admin.get("/v1/principals").json()).extracting(p -> p.path("name").asText())
        .containsExactly("admin");
    assertThat(admin.post("/v1/subjects", null).status()).isEqualTo(201);
    assertThat(dataDir.resolve("bootstrap-admin.key")).doesNotExist();
    // The whole start's output, captured from before the context loaded.
    assertThat(output.getAll()).contains("created 'admin' with the key given in "
        + "LETHE_BOOTSTRAP_ADMIN_KEY")
        .doesNotContain(KEY.substring(KEY.lastIndexOf('_') + 1));
  }
}
