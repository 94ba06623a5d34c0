package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a suspended or erased subject answers through HTTP: a suspended one is read only for
 * legal-obligation and takes no change; an erased one answers 410 on every read and write.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubjectStatusApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.registerSmall(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  ApiClient admin;
  String subject;
  String record;
  String object;

  @BeforeEach
  void aSubjectWithARecordAndAPhoto() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
    subject = admin.post("/v1/subjects", null).json().path("id").asText();
    record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"vehicle","fields":{"plate":"京A12345","vin":"1HGCM82633A004352"}}""")
        .json().path("id").asText();
    object = admin.postBytes("/v1/subjects/" + subject + "/objects?category=vehicle&recordId="
        + record, "image/png", new byte[] {9, 8, 7}).json().path("id").asText();
  }

  @Test
  void aSuspendedSubject_isReadOnlyForLegalObligation_andTakesNoChange() throws Exception {
    assertThat(admin.post("/v1/subjects/" + subject + "/suspension", null).status())
        .isEqualTo(200);

    assertCode(admin.get("/v1/records/" + record + "?purpose=vehicle-services"), 409,
        "storage.subject.suspended");
    assertThat(admin.get("/v1/records/" + record + "?purpose=legal-obligation").status())
        .isEqualTo(200);
    assertThat(admin.getBytes("/v1/objects/" + object + "?purpose=vehicle-services")
        .statusCode()).isEqualTo(409);
    assertThat(admin.getBytes("/v1/objects/" + object + "?purpose=legal-obligation").body())
        .containsExactly(9, 8, 7);
    assertThat(admin.getBytes("/v1/subjects/" + subject + "/export?purpose=data-subject-request")
        .statusCode()).isEqualTo(409);
    assertThat(admin.getBytes("/v1/subjects/" + subject + "/export?purpose=legal-obligation")
        .statusCode()).isEqualTo(200);

    assertCode(admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"vehicle","fields":{"plate":"京B54321","vin":"1HGCM82633A004352"}}"""),
        409, "storage.subject.suspended");
    assertCode(admin.patch("/v1/records/" + record + "?purpose=vehicle-services",
        "{\"fields\":{\"plate\":\"京C00001\"}}"), 409, "storage.subject.suspended");
    assertCode(admin.delete("/v1/records/" + record), 409, "storage.subject.suspended");
    assertCode(admin.postBytes("/v1/subjects/" + subject + "/objects?category=vehicle",
        "image/png", new byte[] {1}), 409, "storage.subject.suspended");
    assertCode(admin.delete("/v1/objects/" + object), 409, "storage.subject.suspended");

    assertThat(admin.delete("/v1/subjects/" + subject + "/suspension").status()).isEqualTo(200);
    assertThat(admin.get("/v1/records/" + record + "?purpose=vehicle-services&view=plain").json()
        .path("fields").path("plate").asText()).isEqualTo("京A12345");
  }

  @Test
  void anErasedSubject_answers410_onEveryReadAndWrite() throws Exception {
    ServerUnderTest.erase(admin, subject);

    for (String purpose : new String[] {"vehicle-services", "legal-obligation"}) {
      assertCode(admin.get("/v1/records/" + record + "?purpose=" + purpose), 410,
          "storage.subject.erased");
    }
    for (String purpose : new String[] {"data-subject-request", "legal-obligation"}) {
      assertCode(admin.get("/v1/subjects/" + subject + "/export?purpose=" + purpose), 410,
          "storage.subject.erased");
    }
    assertCode(admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"vehicle","fields":{"plate":"京B54321","vin":"1HGCM82633A004352"}}"""),
        410, "storage.subject.erased");
    assertCode(admin.patch("/v1/records/" + record + "?purpose=vehicle-services",
        "{\"fields\":{\"plate\":\"京C00001\"}}"), 410, "storage.subject.erased");
    assertCode(admin.delete("/v1/records/" + record), 410, "storage.subject.erased");
    assertCode(admin.postBytes("/v1/subjects/" + subject + "/objects?category=vehicle",
        "image/png", new byte[] {1}), 410, "storage.subject.erased");
    assertCode(admin.post("/v1/subjects/" + subject + "/suspension", null), 410,
        "storage.subject.erased");
    assertCode(admin.delete("/v1/subjects/" + subject + "/suspension"), 410,
        "storage.subject.erased");
    // Its objects went with the key: their ids are no longer known at all.
    assertThat(admin.getBytes("/v1/objects/" + object + "?purpose=vehicle-services")
        .statusCode()).isEqualTo(404);
    // What remains is the fact of the erasure, without any data.
    assertThat(admin.get("/v1/subjects/" + subject).json().path("status").asText())
        .isEqualTo("ERASED");
  }

  private static void assertCode(ApiClient.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw().uri().toString()).isEqualTo(status);
    assertThat(r.json().path("code").asText()).isEqualTo(code);
  }
}
