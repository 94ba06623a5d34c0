package io.lethe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test servers are real: each answers as the real product does. */
class RealServersIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  @Test
  void postgres_givesEachClassItsOwnSchema_onARealServer() throws Exception {
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE probe (id int)");
      ResultSet rs = s.executeQuery("SELECT current_schema(), version()");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(pg.schema());
      assertThat(rs.getString(2)).startsWith("PostgreSQL");
    }
  }

  @Test
  void s3proxy_storesObjectsOnDisk_throughTheMinioSdk() throws Exception {
    MinioClient client = s3.client();
    client.makeBucket(MakeBucketArgs.builder().bucket("probe").build());
    byte[] body = "object body".getBytes(StandardCharsets.UTF_8);
    client.putObject(PutObjectArgs.builder().bucket("probe").object("k1")
        .stream(new ByteArrayInputStream(body), (long) body.length, -1L).build());

    assertThat(client.bucketExists(BucketExistsArgs.builder().bucket("probe").build())).isTrue();
    try (var in = client.getObject(GetObjectArgs.builder().bucket("probe").object("k1").build())) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    assertThat(Files.readAllBytes(s3.directory().resolve("probe").resolve("k1"))).isEqualTo(body);
  }

  @Test
  void s3proxy_refusesRequestsSignedWithOtherCredentials() {
    MinioClient stranger = MinioClient.builder().endpoint(s3.endpoint())
        .credentials(s3.accessKey(), "not-the-secret").region("us-east-1").build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        stranger.makeBucket(MakeBucketArgs.builder().bucket("denied").build()))
        .isInstanceOf(io.minio.errors.ErrorResponseException.class)
        .satisfies(e -> assertThat(((io.minio.errors.ErrorResponseException) e).errorResponse().code())
            .isEqualTo("SignatureDoesNotMatch"));
  }

  @Test
  void elasticsearch_isARealNodeThatIndexesAndSearches() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
        URI.create(es.url() + "/_cluster/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"");

    HttpResponse<String> indexed = http.send(HttpRequest.newBuilder(
            URI.create(es.url() + "/probe-index/_doc/1?refresh=true"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"word\":\"lethe\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(indexed.statusCode()).isEqualTo(201);

    HttpResponse<String> found = http.send(HttpRequest.newBuilder(
            URI.create(es.url() + "/probe-index/_search?q=word:lethe")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(found.body()).contains("\"total\":{\"value\":1");
  }
}
