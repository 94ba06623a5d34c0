package io.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EcsDocumentTest {

  private final UUID subject = UUID.fromString("4b1c5a0e-8f0e-4b7e-9a55-3f8a3f1d2c10");
  private final UUID record = UUID.fromString("0f6f7b1e-2b7a-4c55-8a11-6a6c9a7f0e21");

  @Test
  void recordRead_mapsToEcsAndLetheFields() throws Exception {
    AuditEvent event = AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
        .timestamp(Instant.parse("2026-11-23T10:15:30Z"))
        .actor("svc-traffic", List.of("service"))
        .request("127.0.0.1", "req-1", "/v1/records/" + record)
        .purpose("account-management")
        .subject(subject)
        .record(record, "account")
        .fields(List.of("idNumber", "mobile"))
        .build();

    JsonNode doc = new ObjectMapper().readTree(EcsDocument.toJson(event));

    assertThat(doc.path("@timestamp").asText()).isEqualTo("2026-11-23T10:15:30Z");
    assertThat(doc.path("event").path("action").asText()).isEqualTo("record.read");
    assertThat(doc.path("event").path("outcome").asText()).isEqualTo("success");
    assertThat(doc.path("event").path("id").asText()).isEqualTo(event.id().toString());
    assertThat(doc.path("user").path("name").asText()).isEqualTo("svc-traffic");
    assertThat(doc.path("user").path("roles").get(0).asText()).isEqualTo("service");
    assertThat(doc.path("source").path("ip").asText()).isEqualTo("127.0.0.1");
    assertThat(doc.path("http").path("request").path("id").asText()).isEqualTo("req-1");
    assertThat(doc.path("lethe").path("subject_id").asText()).isEqualTo(subject.toString());
    assertThat(doc.path("lethe").path("record_type").asText()).isEqualTo("account");
    assertThat(doc.path("lethe").path("field_names")).hasSize(2);
    assertThat(doc.has("error")).isFalse();
  }

  @Test
  void jobAction_carriesItsRunAndHold_asLetheFields() throws Exception {
    UUID run = UUID.randomUUID();
    UUID hold = UUID.randomUUID();
    AuditEvent event = AuditEvent.builder("record.delete", AuditEvent.Outcome.SUCCESS)
        .actor("lethe", List.of("system")).record(record, "account").jobRun(run).hold(hold)
        .build();

    JsonNode lethe = new ObjectMapper().readTree(EcsDocument.toJson(event)).path("lethe");

    assertThat(lethe.path("job_run_id").asText()).isEqualTo(run.toString());
    assertThat(lethe.path("hold_id").asText()).isEqualTo(hold.toString());
    assertThat(new ObjectMapper().readTree(EcsDocument.toJson(AuditEvent.builder("record.read",
        AuditEvent.Outcome.SUCCESS).build())).path("lethe").has("job_run_id")).isFalse();
  }

  @Test
  void monthOf_usesTheUtcMonth() {
    assertThat(EcsDocument.monthOf(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo("2026.11");
    assertThat(EcsDocument.monthOf(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("2026.12");
  }

  @Test
  void action_mustBeDottedLowerCase() {
    assertThatThrownBy(() -> AuditEvent.builder("Read record", AuditEvent.Outcome.SUCCESS).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
