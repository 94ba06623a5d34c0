package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.server.LetheServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box: every command against the packaged server, through {@code new CommandLine(new
 * Lethe())}, checking stdout, stderr and the exit code, error paths included.
 */
class LetheCliIT {

  static final String JASYPT_PASSWORD = "jasypt password of the CLI tests";

  @TempDir static Path dir;
  static LetheServerProcess server;
  static ApiClient setup;
  static Path config;

  @BeforeAll
  static void startServer() throws Exception {
    // The keyring passphrase as production sets it: an ENC(...) value made by
    // 'lethe secrets encrypt', which the server decrypts with the password from its environment.
    Cli.Result encrypted = Cli.withEnv(Map.of("JASYPT_ENCRYPTOR_PASSWORD", JASYPT_PASSWORD))
        .stdin("correct horse battery staple\n").run("secrets", "encrypt");
    assertThat(encrypted.exit()).as(encrypted.err()).isEqualTo(0);
    server = LetheServerProcess.in(dir).env("LETHE_AUDIT_ES_MODE", "off")
        .env("JASYPT_ENCRYPTOR_PASSWORD", JASYPT_PASSWORD)
        .env("LETHE_KEYRING_PASSPHRASE", encrypted.out().trim())
        .env("LETHE_KEYS_NAMED_KEKS", "region-b").start();
    setup = new ApiClient(server.url(), server.bootstrapKey());
    config = dir.resolve("home/.config/lethe/config");
    CliConfig.write(config, server.url(), server.bootstrapKey());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static Cli.Result lethe(String... args) {
    return Cli.withEnv(Map.of("LETHE_CONFIG", config.toString(), "COLUMNS", "200")).run(args);
  }

  static String aSubject() {
    return setup.post("/v1/subjects", null).path("id").asText();
  }

  static String anAccountRecord(String subject) {
    return setup.post("/v1/subjects/" + subject + "/records", Map.of("type", "account", "fields",
        Map.of("idType", "resident-id", "name", "张三丰", "idNumber", "11010519491231002X",
            "mobile", "+86 138 1234 5678"))).path("id").asText();
  }

  @Test
  void subjectsShow_printsStatusAndCounts() throws Exception {
    String subject = aSubject();
    anAccountRecord(subject);
    Cli.Result r = lethe("subjects", "show", subject);
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("id:", subject, "status:", "ACTIVE").containsPattern("records: +1");
    assertThat(r.err()).isEmpty();

    Cli.Result json = lethe("subjects", "show", subject, "-o", "json");
    JsonNode node = ApiClient.JSON.readTree(json.out());
    assertThat(node.path("id").asText()).isEqualTo(subject);
    assertThat(node.path("records").asLong()).isEqualTo(1);
  }

  @Test
  void unknownSubject_exits3_withTheProblemCodeInOneLine() {
    Cli.Result r = lethe("subjects", "show", UUID.randomUUID().toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("lethe: storage.subject.not-found: ").hasLineCount(1);
  }

  @Test
  void suspendAndResume() {
    String subject = aSubject();
    Cli.Result suspended = lethe("subjects", "suspend", subject);
    assertThat(suspended.exit()).as(suspended.err()).isEqualTo(0);
    assertThat(suspended.out()).contains(subject, "SUSPENDED");
    Cli.Result again = lethe("subjects", "suspend", subject);
    assertThat(again.exit()).isEqualTo(5);
    assertThat(again.err()).startsWith("lethe: storage.subject.");
    Cli.Result resumed = lethe("subjects", "resume", subject);
    assertThat(resumed.exit()).as(resumed.err()).isEqualTo(0);
    assertThat(resumed.out()).contains("ACTIVE");
  }

  @Test
  void closeAndReopen_andFulfilOnAnAccountRecord_exits5() {
    String subject = aSubject();
    String account = anAccountRecord(subject);
    Cli.Result closed = lethe("subjects", "close", subject);
    assertThat(closed.exit()).as(closed.err()).isEqualTo(0);
    assertThat(closed.out()).contains(subject, "closed at", "1 record(s) now expire");
    assertThat(lethe("subjects", "show", subject).out()).containsPattern("closed: +20");
    Cli.Result again = lethe("subjects", "close", subject);
    assertThat(again.exit()).isEqualTo(5);
    assertThat(again.err()).startsWith("lethe: lifecycle.closure.invalid: ");
    Cli.Result fulfil = lethe("records", "fulfil", account);
    assertThat(fulfil.exit()).isEqualTo(5);
    assertThat(fulfil.err()).startsWith("lethe: lifecycle.trigger.not-applicable: ")
        .doesNotContain("张三丰");
    Cli.Result reopened = lethe("subjects", "reopen", subject);
    assertThat(reopened.exit()).as(reopened.err()).isEqualTo(0);
    assertThat(reopened.out()).contains(subject, "open again");
  }

  @Test
  void wrongKeyFile_exits4() throws Exception {
    Path wrong = dir.resolve("wrong.key");
    Files.writeString(wrong, "lethe_not-a-real-key\n");
    Cli.Result r = lethe("--api-key-file", wrong.toString(), "holds", "list");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).startsWith("lethe: auth.invalid: ").hasLineCount(1)
        .doesNotContain("lethe_not-a-real-key");
  }

  @Test
  void heldSubject_refusesErasure_withTheReason_untilReleased() throws Exception {
    String subject = aSubject();
    String record = anAccountRecord(subject);
    Cli.Result add = lethe("holds", "add", "--subject", subject, "--reason", "fraud inquiry",
        "--case-ref", "CASE-42", "-o", "json");
    assertThat(add.exit()).as(add.err()).isEqualTo(0);
    String holdId = ApiClient.JSON.readTree(add.out()).path("id").asText();

    Cli.Result list = lethe("holds", "list");
    assertThat(list.exit()).isEqualTo(0);
    assertThat(list.out()).startsWith("ID").contains(holdId, "CASE-42", "fraud inquiry");
    Cli.Result csv = lethe("holds", "list", "-o", "csv");
    assertThat(csv.out()).startsWith("id,target,case,reason").contains(holdId + ",subject " + subject);

    Cli.Result erase = lethe("subjects", "erase", subject, "--yes");
    assertThat(erase.exit()).isEqualTo(5);
    assertThat(erase.err()).startsWith("lethe: lifecycle.held: ").contains("fraud inquiry")
        .hasLineCount(1);
    Cli.Result delete = lethe("records", "delete", record);
    assertThat(delete.exit()).isEqualTo(5);

    Cli.Result release = lethe("holds", "release", holdId);
    assertThat(release.exit()).as(release.err()).isEqualTo(0);
    assertThat(release.out()).contains("released");
    assertThat(lethe("holds", "release", holdId).exit()).isEqualTo(5);

    Cli.Result erased = lethe("subjects", "erase", subject, "--yes");
    assertThat(erased.exit()).as(erased.err()).isEqualTo(0);
    assertThat(erased.out()).contains("accepted");
  }

  @Test
  void subjectsExport_streamsTheZipToAFile_andNeverOverwritesUnasked() throws Exception {
    String subject = aSubject();
    anAccountRecord(subject);
    Path zip = dir.resolve("export-" + subject + ".zip");
    String[] export = {"subjects", "export", subject, "--purpose", "data-subject-request",
        "--out", zip.toString()};

    Cli.Result r = lethe(export);
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("Wrote", zip.toString());
    assertThat(nameInExport(zip)).isEqualTo("张三丰");

    Cli.Result again = lethe(export);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("--force");
    String[] forced = java.util.Arrays.copyOf(export, export.length + 1);
    forced[export.length] = "--force";
    assertThat(lethe(forced).exit()).isEqualTo(0);

    Path refused = dir.resolve("refused.zip");
    Cli.Result badPurpose = lethe("subjects", "export", subject, "--purpose", "marketing",
        "--out", refused.toString());
    assertThat(badPurpose.exit()).isEqualTo(2);
    assertThat(badPurpose.err()).startsWith("lethe: request.purpose-not-allowed: ");
    assertThat(refused).doesNotExist();
    assertThat(dir.resolve("refused.zip.part")).doesNotExist();
  }

  @Test
  void subjectsMigrate_movesTheSubjectUnderANamedKek_andRefusesAnUnknownOne() throws Exception {
    String subject = aSubject();
    anAccountRecord(subject);

    Cli.Result unknown = lethe("subjects", "migrate", subject, "--kek", "mars");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("lethe: storage.key.kek-unknown: ").contains("region-b");

    Cli.Result moved = lethe("subjects", "migrate", subject, "--kek", "region-b");
    assertThat(moved.exit()).as(moved.err()).isEqualTo(0);
    assertThat(moved.out()).contains(subject, "region-b", "DONE");
    Path zip = dir.resolve("after-migration-" + subject + ".zip");
    assertThat(lethe("subjects", "export", subject, "--purpose", "data-subject-request",
        "--out", zip.toString()).exit()).isEqualTo(0);
    assertThat(nameInExport(zip)).isEqualTo("张三丰");
  }

  private static String nameInExport(Path zip) throws Exception {
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
        Files.newInputStream(zip))) {
      assertThat(in.getNextEntry().getName()).isEqualTo("subject.json");
      return ApiClient.JSON.readTree(in.readAllBytes()).path("records").get(0).path("fields")
          .path("name").asText();
    }
  }

  @Test
  void eraseWithoutYes_isAUsageError() {
    Cli.Result r = lethe("subjects", "erase", aSubject());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--yes");
  }

  @Test
  void holdOnUnknownRecord_exits3() {
    Cli.Result r = lethe("holds", "add", "--record", UUID.randomUUID().toString(),
        "--reason", "r", "--case-ref", "c");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void holdNamingBothTargets_isAUsageError() {
    Cli.Result r = lethe("holds", "add", "--record", "a", "--subject", "b", "--reason", "r",
        "--case-ref", "c");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void records_getMasked_find_delete() throws Exception {
    String subject = aSubject();
    String record = anAccountRecord(subject);
    Cli.Result get = lethe("records", "get", record, "--purpose", "account-management");
    assertThat(get.exit()).as(get.err()).isEqualTo(0);
    assertThat(get.out()).contains("masked", "138****5678").doesNotContain("13812345678",
        "11010519491231002X");

    Cli.Result plain = lethe("records", "get", record, "--purpose", "account-management",
        "--plain", "-o", "json");
    assertThat(plain.exit()).as(plain.err()).isEqualTo(0);
    assertThat(ApiClient.JSON.readTree(plain.out()).path("view").asText()).isEqualTo("plain");

    Cli.Result find = lethe("records", "find", "--type", "account", "--field", "mobile",
        "--value", "13812345678", "--purpose", "account-management");
    assertThat(find.exit()).as(find.err()).isEqualTo(0);
    assertThat(find.out()).startsWith("RECORD").contains(record, subject);

    Cli.Result unknownPurpose = lethe("records", "get", record, "--purpose", "curiosity");
    assertThat(unknownPurpose.exit()).isEqualTo(2);
    assertThat(unknownPurpose.err()).startsWith("lethe: storage.purpose.unknown");

    Cli.Result delete = lethe("records", "delete", record);
    assertThat(delete.exit()).as(delete.err()).isEqualTo(0);
    Cli.Result gone = lethe("records", "get", record, "--purpose", "account-management");
    assertThat(gone.exit()).isEqualTo(3);
    assertThat(gone.err()).startsWith("lethe: storage.record.not-found");
  }

  @Test
  void missingPurpose_isAUsageError() {
    Cli.Result r = lethe("records", "get", UUID.randomUUID().toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--purpose=P'");
  }

  @Test
  void jobs_listRunWaitStatusHistory() throws Exception {
    Cli.Result list = lethe("jobs", "list");
    assertThat(list.exit()).as(list.err()).isEqualTo(0);
    assertThat(list.out()).contains("retention-sweep", "biometric-purge", "retention-redate");

    Cli.Result run = lethe("jobs", "run", "retention-sweep", "--dry-run", "--wait",
        "--poll-interval", "100");
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
    assertThat(run.out()).contains("scanned=", "skippedForHold=", "SUCCEEDED")
        .containsPattern("dry run: +true").contains("status:");
    String runId = run.out().lines().filter(l -> l.startsWith("run:")).findFirst().orElseThrow()
        .substring(4).trim();

    Cli.Result status = lethe("jobs", "status", runId, "-o", "json");
    assertThat(status.exit()).isEqualTo(0);
    assertThat(ApiClient.JSON.readTree(status.out()).path("status").asText())
        .isEqualTo("SUCCEEDED");

    Cli.Result history = lethe("jobs", "history", "retention-sweep");
    assertThat(history.exit()).isEqualTo(0);
    assertThat(history.out()).startsWith("RUN").contains(runId);

    Cli.Result started = lethe("jobs", "run", "biometric-purge", "--dry-run");
    assertThat(started.exit()).isEqualTo(0);
    assertThat(started.out()).startsWith("Started biometric-purge (dry run): run ");

    Cli.Result redate = lethe("jobs", "run", "retention-redate", "--dry-run", "--wait",
        "--poll-interval", "100");
    assertThat(redate.exit()).as(redate.out() + redate.err()).isEqualTo(0);
    assertThat(redate.out()).containsPattern("redated: +0").containsPattern("policy version: +1");
  }

  @Test
  void jobs_unknownJobOrRun_exits3() {
    assertThat(lethe("jobs", "run", "no-such-job").exit()).isEqualTo(3);
    Cli.Result r = lethe("jobs", "status", UUID.randomUUID().toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("lethe: lifecycle.job.run-not-found");
  }

  @Test
  void auditVerify_withoutElasticsearch_exits1_withTheServersReason() {
    // The server verifies from its audit index: with Elasticsearch off it answers 503.
    Cli.Result r = lethe("audit", "verify");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("lethe: audit.index.unavailable: ").hasLineCount(1);
  }

  @Test
  void auditSearch_withoutElasticsearch_exits1_withTheServersReason() {
    Cli.Result r = lethe("audit", "search", "--since", "24h", "--action", "record.read");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("lethe: audit.index.unavailable: ").hasLineCount(1);
  }

  @Test
  void auditExport_failure_leavesNoFile() {
    Path out = dir.resolve("export.csv");
    Cli.Result r = lethe("audit", "export", "--format", "csv", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(out).doesNotExist();
    assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".part"));
  }

  @Test
  void unknownVerb_isAUsageError() {
    Cli.Result r = lethe("subjects", "frobnicate");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void login_checksTheKey_beforeSavingIt() throws Exception {
    Path own = dir.resolve("login/config");
    Cli.Result bad = Cli.withEnv(Map.of("LETHE_CONFIG", own.toString())).stdin("wrong\n")
        .run("login", "--url", server.url());
    assertThat(bad.exit()).isEqualTo(4);
    assertThat(own).doesNotExist();

    Cli.Result good = Cli.withEnv(Map.of("LETHE_CONFIG", own.toString()))
        .stdin(server.bootstrapKey() + "\n").run("login", "--url", server.url());
    assertThat(good.exit()).as(good.err()).isEqualTo(0);
    assertThat(good.out()).doesNotContain(server.bootstrapKey());
    Cli.Result list = Cli.withEnv(Map.of("LETHE_CONFIG", own.toString())).run("jobs", "list");
    assertThat(list.exit()).isEqualTo(0);
  }

  @Test
  void serverLog_neverShowsTheKey() throws Exception {
    assertThat(server.output()).doesNotContain(server.bootstrapKey());
  }

  @Test
  void keysStatusAndRotateWait_rewrapEverySubjectKey() throws Exception {
    anAccountRecord(aSubject());
    Cli.Result before = lethe("keys", "status", "-o", "json");
    assertThat(before.exit()).as(before.err()).isZero();
    int version = ApiClient.JSON.readTree(before.out()).path("currentVersion").asInt();

    Cli.Result rotate = lethe("keys", "rotate", "--wait", "--poll-interval", "100");
    assertThat(rotate.exit()).as(rotate.out() + rotate.err()).isZero();
    assertThat(rotate.out()).contains("key-rewrap", "SUCCEEDED");

    Cli.Result after = lethe("keys", "status");
    assertThat(after.exit()).isZero();
    assertThat(after.out()).containsPattern("current version: +" + (version + 1))
        .containsPattern("subject keys on older versions: +0");
    Cli.Result started = lethe("keys", "rotate");
    assertThat(started.out()).startsWith("Rotated to KEK version " + (version + 2));
  }

  @Test
  void principalsCreateListRevoke_theKeyIsPrintedOnceOnStdoutOnly() throws Exception {
    String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    Cli.Result created = lethe("principals", "create", name, "--role", "service",
        "--permission", "schema:read");
    assertThat(created.exit()).as(created.err()).isZero();
    String key = created.out().trim();
    assertThat(key).startsWith("lth_").hasLineCount(1);
    assertThat(created.err()).contains("Created principal " + name).doesNotContain(key);
    assertThat(new ApiClient(server.url(), key).get("/v1/schema").has("recordTypes")).isTrue();

    Cli.Result list = lethe("principals", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains(name, "service", "schema:read").doesNotContain(key);
    String id = ApiClient.JSON.readTree(lethe("principals", "list", "-o", "json").out())
        .findParents("name").stream().filter(p -> p.path("name").asText().equals(name))
        .findFirst().orElseThrow().path("id").asText();

    assertThat(lethe("principals", "revoke", id).exit()).isZero();
    Cli.Result again = lethe("principals", "revoke", id);
    assertThat(again.exit()).isEqualTo(3);
    Cli.Result withRevokedKey = Cli.withEnv(Map.of("LETHE_URL", server.url(), "LETHE_API_KEY",
        key)).run("policy", "show");
    assertThat(withRevokedKey.exit()).isEqualTo(4);

    Cli.Result unknownRole = lethe("principals", "create", "x-" + name, "--role", "root");
    assertThat(unknownRole.exit()).isEqualTo(2);
    assertThat(unknownRole.err()).contains("request.invalid", "not one of the roles")
        .doesNotContain("root");
    assertThat(server.output()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
  }

  @Test
  void policyShow_listsTheRetentionClasses() throws Exception {
    Cli.Result table = lethe("policy", "show");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("policy version ").contains("RETENTION CLASS",
        "biometric-transient", "PT10M");
    Cli.Result json = lethe("policy", "show", "-o", "json");
    assertThat(ApiClient.JSON.readTree(json.out()).path("retentionClasses")
        .path("biometric-transient").path("period").asText()).isEqualTo("PT10M");
  }
}
