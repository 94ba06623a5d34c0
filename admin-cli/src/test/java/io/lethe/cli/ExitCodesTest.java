package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void deniedStatuses_mapTo4() {
    assertThat(ExitCodes.forProblem(401, "auth.invalid")).isEqualTo(4);
    assertThat(ExitCodes.forProblem(401, "auth.missing")).isEqualTo(4);
    assertThat(ExitCodes.forProblem(403, "access.denied")).isEqualTo(4);
  }

  @Test
  void notFoundAndGone_mapTo3() {
    assertThat(ExitCodes.forProblem(404, "storage.subject.not-found")).isEqualTo(3);
    assertThat(ExitCodes.forProblem(404, "lifecycle.job.run-not-found")).isEqualTo(3);
    assertThat(ExitCodes.forProblem(410, "storage.subject.erased")).isEqualTo(3);
  }

  @Test
  void heldAndOtherConflicts_mapTo5() {
    assertThat(ExitCodes.forProblem(409, "lifecycle.held")).isEqualTo(5);
    assertThat(ExitCodes.forProblem(409, "storage.subject.suspended")).isEqualTo(5);
    assertThat(ExitCodes.forProblem(409, "lifecycle.hold.already-released")).isEqualTo(5);
  }

  @Test
  void heldCode_isAConflict_whateverTheStatus() {
    assertThat(ExitCodes.forProblem(400, "lifecycle.held")).isEqualTo(5);
  }

  @Test
  void invalidRequests_mapTo2() {
    assertThat(ExitCodes.forProblem(400, "request.invalid")).isEqualTo(2);
    assertThat(ExitCodes.forProblem(422, "storage.purpose.unknown")).isEqualTo(2);
  }

  @Test
  void serverFailures_mapTo1() {
    assertThat(ExitCodes.forProblem(500, "server.internal")).isEqualTo(1);
    assertThat(ExitCodes.forProblem(503, "audit.index.unavailable")).isEqualTo(1);
    assertThat(ExitCodes.forProblem(503, "storage.key.vault-sealed")).isEqualTo(1);
  }

  @Test
  void problemBody_givesCodeDetailAndRequestId() {
    ApiException e = ApiClient.problem(409, """
        {"type":"https://lethe.io/problems/lifecycle.held","title":"Under legal hold",
         "status":409,"detail":"A legal hold applies (case C-7): fraud inquiry",
         "code":"lifecycle.held","requestId":"r-1","holdId":"h"}""");
    assertThat(e.code()).isEqualTo("lifecycle.held");
    assertThat(e.getMessage()).isEqualTo("A legal hold applies (case C-7): fraud inquiry");
    assertThat(e.requestId()).isEqualTo("r-1");
    assertThat(e.exitCode()).isEqualTo(5);
  }

  @Test
  void nonProblemBody_fallsBackToTheStatus() {
    ApiException e = ApiClient.problem(502, "<html>bad gateway</html>");
    assertThat(e.code()).isEqualTo("http.502");
    assertThat(e.exitCode()).isEqualTo(1);
  }
}
