package io.lethe.testsupport.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Section 8 of the Vault notes (the numbered conformance checklist), plus the HTTP envelope rules
 * of section 1, checked over raw HTTP so that statuses, bodies and headers are exact.
 */
class VaultTransitConformanceIT {

  private static final String PT = "aGVsbG8gd29ybGQ=";
  private static final String MISSING_CONTEXT = "missing 'context' for key derivation; the key was created using a "
      + "derived key, which means additional, per-request information must be included in order to perform "
      + "operations with the key";

  private VaultTestServer server;
  private RawVault vault;

  @BeforeEach
  void start() {
    server = VaultTestServer.start();
    vault = new RawVault(server.address(), server.rootToken());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String errors(String... messages) {
    StringBuilder sb = new StringBuilder("{\"errors\":[");
    for (int i = 0; i < messages.length; i++) {
      sb.append(i == 0 ? "" : ",").append(RawVault.JSON.valueToTree(messages[i]).toString());
    }
    return sb.append("]}\n").toString();
  }

  private static String error(String message) {
    return errors(message);
  }

  private void assertError(RawVault.Response r, int status, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(error(message));
    assertThat(r.contentType()).isEqualTo("application/json");
  }

  private String createKey(String name, String body) {
    RawVault.Response r = vault.post("transit/keys/" + name, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private String encrypt(String key, String body) {
    RawVault.Response r = vault.post("transit/encrypt/" + key, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.data().get("ciphertext").asText();
  }

  private static String flipByte(String ciphertext) {
    int colon = ciphertext.lastIndexOf(':');
    byte[] blob = Base64.getDecoder().decode(ciphertext.substring(colon + 1));
    blob[blob.length - 1] ^= 0x01;
    return ciphertext.substring(0, colon + 1) + Base64.getEncoder().encodeToString(blob);
  }

  // ---- HTTP, authentication and sys (items 1-12) ----

  @Test
  void health_withoutToken_returns200WithInitializedUnsealedActiveAndExactJsonContentType() {
    RawVault.Response r = vault.as(null).get("sys/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.body()).contains("\"initialized\":true,\"sealed\":false,\"standby\":false").endsWith("\n");
    assertThat(r.json().get("version").isTextual()).isTrue();
  }

  @Test
  void request_withoutToken_returns403PermissionDenied() {
    assertError(vault.as(null).get("transit/keys/k"), 403, "permission denied");
  }

  @Test
  void request_withUnknownToken_returns403WithTwoErrorsText() {
    assertError(vault.as("bogus").get("transit/keys/k"), 403,
        "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n");
  }

  @Test
  void request_withUnknownTokenOnUnmountedPath_returns403BecauseTokenIsCheckedBeforeRouting() {
    assertThat(vault.as("bogus").get("nomount/x").status()).isEqualTo(403);
  }

  @Test
  void bearerAuthorization_isAcceptedLikeXVaultToken_butBasicIsIgnored() {
    RawVault.Response bearer = vault.as(null).send("GET", "auth/token/lookup-self", null,
        "Authorization", "Bearer " + server.rootToken());
    assertThat(bearer.status()).isEqualTo(200);
    assertThat(bearer.data().get("id").asText()).isEqualTo(server.rootToken());
    assertError(vault.as(null).send("GET", "auth/token/lookup-self", null, "Authorization", "Basic xyz"), 403,
        "permission denied");
  }

  @Test
  void lookupSelf_withRootToken_returnsIdPoliciesArrayIntegerTtlAndNullAuth() {
    RawVault.Response r = vault.get("auth/token/lookup-self");
    assertThat(r.status()).isEqualTo(200);
    JsonNode data = r.data();
    assertThat(data.get("id").asText()).isEqualTo(server.rootToken());
    assertThat(data.get("policies").isArray()).isTrue();
    assertThat(data.get("policies").toString()).isEqualTo("[\"root\"]");
    assertThat(data.get("ttl").isIntegralNumber()).isTrue();
    assertThat(r.json().get("auth").isNull()).isTrue();
    assertThat(r.json().get("mount_type").asText()).isEqualTo("token");
  }

  @Test
  void mountEnable_onExistingPath_returns400PathInUse_andOnFreshPath_returns204EmptyBody() {
    assertError(vault.post("sys/mounts/transit", "{\"type\":\"transit\"}"), 400,
        "path is already in use at transit/");
    RawVault.Response fresh = vault.post("sys/mounts/transit2", "{\"type\":\"transit\"}");
    assertThat(fresh.status()).isEqualTo(204);
    assertThat(fresh.body()).isEmpty();
    assertThat(vault.post("transit2/keys/k", "{}").status()).isEqualTo(200);
    assertThat(vault.delete("sys/mounts/transit2").status()).isEqualTo(204);
    assertThat(vault.post("transit2/keys/k", "{}").body())
        .isEqualTo(error("no handler for route \"transit2/keys/k\". route entry not found."));
  }

  @Test
  void mountsList_showsTransitInDataAndCopiedToTopLevel() {
    RawVault.Response r = vault.get("sys/mounts");
    assertThat(r.status()).isEqualTo(200);
    JsonNode inData = r.data().get("transit/");
    assertThat(inData.get("type").asText()).isEqualTo("transit");
    assertThat(inData.get("options").isNull()).isTrue();
    assertThat(r.json().get("transit/")).isEqualTo(inData);
    assertThat(r.data().get("secret/").get("options").get("version").asText()).isEqualTo("2");
  }

  @Test
  void approleLogin_withValidIds_returnsAuthBlock_andWithWrongSecret_returns400() {
    String[] ids = server.approle("my-role", "p1");
    RawVault.Response r = vault.as(null).post("auth/approle/login",
        "{\"role_id\":\"" + ids[0] + "\",\"secret_id\":\"" + ids[1] + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode auth = r.json().get("auth");
    assertThat(auth.get("client_token").asText()).isNotEmpty();
    assertThat(auth.get("policies").toString()).isEqualTo("[\"default\",\"p1\"]");
    assertThat(auth.get("metadata").get("role_name").asText()).isEqualTo("my-role");
    assertThat(r.body()).contains("\"renewable\":false,\"lease_duration\":0,\"data\":null");
    assertThat(r.contentType()).isEqualTo("application/json");

    assertError(vault.as(null).post("auth/approle/login",
        "{\"role_id\":\"" + ids[0] + "\",\"secret_id\":\"wrong\"}"), 400, "invalid role or secret ID");
    assertError(vault.as(null).post("auth/approle/login", "{}"), 400, "missing role_id");
  }

  @Test
  void post_withoutContentType_isParsedAsJson_butMalformedJson_returns400ErrorParsingJson() {
    // RawVault sends no Content-Type unless told to, like vault-java-driver.
    RawVault.Response ok = vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertError(vault.send("POST", "transit/encrypt/k", "not-json", "Content-Type", "application/json"), 400,
        "error parsing JSON");
    assertError(vault.post("transit/encrypt/k", "[1,2]"), 400, "error parsing JSON");
  }

  @Test
  void kvV2MangledTransitPath_returns404UnsupportedPath() {
    assertError(vault.post("transit/data/encrypt/k", "{\"data\":{\"plaintext\":\"" + PT + "\"}}"), 404,
        "1 error occurred:\n\t* unsupported path\n\n");
  }

  @Test
  void getOnWriteOnlyPath_returns405UnsupportedOperation() {
    assertError(vault.get("transit/encrypt/k"), 405, "1 error occurred:\n\t* unsupported operation\n\n");
    assertError(vault.get("transit/keys"), 405, "1 error occurred:\n\t* unsupported operation\n\n");
  }

  @Test
  void pathUnderNoMount_returns404NoHandler() {
    assertError(vault.post("nomount/encrypt/k", "{}"), 404,
        "no handler for route \"nomount/encrypt/k\". route entry not found.");
  }

  @Test
  void unknownHttpMethod_returns405EmptyErrors_andWriteToTrailingSlash_returns400() {
    RawVault.Response r = vault.send("BREW", "transit/keys/k", null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.body()).isEqualTo("{\"errors\":[]}\n");
    assertError(vault.post("transit/keys/k/", "{}"), 400, "cannot write to a path ending in '/'");
  }

  @Test
  void aclDenied_returns403OneErrorText_andUpsertNeedsCreateCapability() {
    server.putPolicy("enc-update", VaultTestServer.rule("transit/encrypt/*", "update"));
    String limited = server.createToken("enc-update");
    assertError(vault.as(limited).get("transit/keys/k"), 403, "1 error occurred:\n\t* permission denied\n\n");
    // The key does not exist yet, so this is a create operation, which "update" does not allow.
    assertError(vault.as(limited).post("transit/encrypt/new", "{\"plaintext\":\"" + PT + "\"}"), 403,
        "1 error occurred:\n\t* permission denied\n\n");
    createKey("new", "{}");
    assertThat(vault.as(limited).post("transit/encrypt/new", "{\"plaintext\":\"" + PT + "\"}").status())
        .isEqualTo(200);
  }

  @Test
  void sealedServer_returns503OnApi_butHealthReports503Sealed() {
    server.seal();
    assertError(vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\"}"), 503, "Vault is sealed");
    RawVault.Response health = vault.get("sys/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().get("sealed").asBoolean()).isTrue();
    assertThat(vault.get("sys/seal-status").json().get("sealed").asBoolean()).isTrue();
    server.unseal();
    assertThat(vault.get("sys/health").status()).isEqualTo(200);
  }

  @Test
  void responses_carryNoStoreAndTrailingNewline_and204KeepsJsonContentType() {
    RawVault.Response r = vault.post("transit/keys/k", "{}");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.body()).endsWith("}\n");
    assertThat(r.body()).startsWith("{\"request_id\":\"");
    assertThat(r.body()).containsPattern("\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,\"data\":\\{.*},"
        + "\"wrap_info\":null,\"warnings\":null,\"auth\":null,\"mount_type\":\"transit\"}\n$");
    RawVault.Response noContent = vault.post("sys/mounts/other", "{\"type\":\"transit\"}");
    assertThat(noContent.contentType()).isEqualTo("application/json");
  }

  @Test
  void fieldCoercion_acceptsNumericStringsAndRejectsGarbageWithFieldValidationFailed() {
    createKey("k", "{}");
    vault.post("transit/keys/k/rotate", "");
    assertThat(vault.post("transit/keys/k/config", "{\"min_decryption_version\":\"2\"}").data()
        .get("min_decryption_version").asInt()).isEqualTo(2);
    RawVault.Response bad = vault.post("transit/keys/k/config", "{\"deletion_allowed\":\"yes\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get(0).asText())
        .startsWith("Field validation failed: error converting input yes for field \"deletion_allowed\"");
  }

  // ---- key lifecycle (items 13-23) ----

  @Test
  void createKey_returns200EnvelopeWithDocumentedKeyData() {
    RawVault.Response r = vault.post("transit/keys/k", "{\"type\":\"aes256-gcm96\"}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode d = r.data();
    assertThat(d.get("type").asText()).isEqualTo("aes256-gcm96");
    assertThat(d.get("latest_version").asInt()).isEqualTo(1);
    assertThat(d.get("min_decryption_version").asInt()).isEqualTo(1);
    assertThat(d.get("min_encryption_version").asInt()).isZero();
    assertThat(d.get("deletion_allowed").asBoolean()).isFalse();
    assertThat(d.get("derived").asBoolean()).isFalse();
    assertThat(d.get("exportable").asBoolean()).isFalse();
    assertThat(d.get("supports_encryption").asBoolean()).isTrue();
    assertThat(d.get("supports_decryption").asBoolean()).isTrue();
    assertThat(d.get("supports_derivation").asBoolean()).isTrue();
    assertThat(d.get("supports_signing").asBoolean()).isFalse();
    assertThat(d.get("auto_rotate_period").asInt()).isZero();
    assertThat(d.get("min_available_version").asInt()).isZero();
    assertThat(d.get("imported_key").asBoolean()).isFalse();
    assertThat(d.get("allow_plaintext_backup").asBoolean()).isFalse();
    assertThat(d.get("name").asText()).isEqualTo("k");
    assertThat(d.get("keys").get("1").isIntegralNumber()).isTrue();
    List<String> names = new ArrayList<>();
    d.fieldNames().forEachRemaining(names::add);
    assertThat(names).isSorted().hasSize(17);
  }

  @Test
  void createKey_thatAlreadyExists_isNoOpKeepingOriginalType() {
    createKey("k", "{\"type\":\"aes256-gcm96\"}");
    RawVault.Response again = vault.post("transit/keys/k", "{\"type\":\"rsa-2048\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.data().get("type").asText()).isEqualTo("aes256-gcm96");
  }

  @Test
  void createKey_withUnknownParameter_warnsAndIgnoresIt() {
    RawVault.Response r = vault.post("transit/keys/k", "{\"deletion_allowed\":true}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("warnings").toString())
        .isEqualTo("[\"Endpoint ignored these unrecognized parameters: [deletion_allowed]\"]");
    assertThat(r.data().get("deletion_allowed").asBoolean()).isFalse();
  }

  @Test
  void readKey_thatIsMissing_returns404EmptyErrors() {
    RawVault.Response r = vault.get("transit/keys/missing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"errors\":[]}\n");
  }

  @Test
  void listKeys_viaListVerbAndQueryParameter_returnsSortedNames_and404WhenEmpty() {
    RawVault.Response empty = vault.list("transit/keys");
    assertThat(empty.status()).isEqualTo(404);
    assertThat(empty.body()).isEqualTo("{\"errors\":[]}\n");
    createKey("b", "{}");
    createKey("a", "{}");
    RawVault.Response viaVerb = vault.list("transit/keys");
    RawVault.Response viaQuery = vault.get("transit/keys?list=true");
    assertThat(viaVerb.status()).isEqualTo(200);
    assertThat(viaVerb.data().toString()).isEqualTo("{\"keys\":[\"a\",\"b\"]}");
    assertThat(viaQuery.status()).isEqualTo(200);
    assertThat(viaQuery.data()).isEqualTo(viaVerb.data());
    assertThat(vault.get("transit/keys?list=maybe").body()).isEqualTo("{\"errors\":[]}\n");
  }

  @Test
  void rotate_bumpsLatestVersion_andOnMissingKey_returns400KeyNotFound() {
    createKey("k", "{}");
    RawVault.Response r = vault.post("transit/keys/k/rotate", "");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("latest_version").asInt()).isEqualTo(2);
    assertThat(r.data().get("keys").has("1")).isTrue();
    assertThat(r.data().get("keys").has("2")).isTrue();
    assertError(vault.post("transit/keys/none/rotate", ""), 400, "key not found");
  }

  @Test
  void configMinDecryptionVersion_hidesOldVersions_andRejectsVersionAboveLatest() {
    createKey("k", "{}");
    vault.post("transit/keys/k/rotate", "");
    RawVault.Response r = vault.post("transit/keys/k/config", "{\"min_decryption_version\":2}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("keys").toString()).doesNotContain("\"1\"").contains("\"2\"");
    assertError(vault.post("transit/keys/k/config", "{\"min_decryption_version\":5}"), 400,
        "cannot set min decryption version of 5, latest key version is 2");
  }

  @Test
  void configMinEncryptionBelowMinDecryption_returns400AndRollsBack() {
    createKey("k", "{}");
    vault.post("transit/keys/k/rotate", "");
    assertError(vault.post("transit/keys/k/config", "{\"min_encryption_version\":1,\"min_decryption_version\":2}"),
        400, "cannot set min encryption/decryption values; min encryption version of 1 must be greater than or "
            + "equal to min decryption version of 2");
    assertThat(vault.get("transit/keys/k").data().get("min_decryption_version").asInt()).isEqualTo(1);
  }

  @Test
  void configMinDecryptionZero_isForcedToOneWithWarning() {
    createKey("k", "{}");
    RawVault.Response r = vault.post("transit/keys/k/config", "{\"min_decryption_version\":0}");
    assertThat(r.json().get("warnings").get(0).asText())
        .isEqualTo("since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1");
    assertError(vault.post("transit/keys/none/config", "{}"), 400, "no existing key named none could be found");
  }

  @Test
  void deleteKey_requiresDeletionAllowed_thenReturns204AndKeyIsGone() {
    createKey("k", "{}");
    assertError(vault.delete("transit/keys/k"), 400, "error deleting policy k: deletion is not allowed for this key");
    assertThat(vault.post("transit/keys/k/config", "{\"deletion_allowed\":true}").status()).isEqualTo(200);
    RawVault.Response deleted = vault.delete("transit/keys/k");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(vault.get("transit/keys/k").body()).isEqualTo("{\"errors\":[]}\n");
    assertError(vault.delete("transit/keys/k"), 400, "error deleting policy k: could not delete key; not found");
  }

  @Test
  void autoRotatePeriod_belowAnHour_returns400_andDurationStringIsStoredInSeconds() {
    createKey("k", "{}");
    assertError(vault.post("transit/keys/k/config", "{\"auto_rotate_period\":\"30m\"}"), 400,
        "auto rotate period must be 0 to disable or at least an hour");
    RawVault.Response r = vault.post("transit/keys/k/config", "{\"auto_rotate_period\":\"24h\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("auto_rotate_period").asLong()).isEqualTo(86400);
  }

  @Test
  void trim_withoutMinEncryptionVersion_returns400_andValidTrimRemovesVersions() {
    createKey("k", "{}");
    assertError(vault.post("transit/keys/k/trim", "{\"min_available_version\":1}"), 400,
        "minimum available version cannot be set when minimum encryption version is not set");
    vault.post("transit/keys/k/rotate", "");
    vault.post("transit/keys/k/config", "{\"min_decryption_version\":2,\"min_encryption_version\":2}");
    RawVault.Response trimmed = vault.post("transit/keys/k/trim", "{\"min_available_version\":2}");
    assertThat(trimmed.status()).isEqualTo(200);
    assertThat(trimmed.data().get("min_available_version").asInt()).isEqualTo(2);
    assertError(vault.post("transit/keys/k/trim", "{}"), 400, "missing min_available_version");
  }

  // ---- encrypt, decrypt and rewrap (items 24-35) ----

  @Test
  void encrypt_returnsVersionedCiphertextOfNoncePlusPlaintextPlusTag_withFreshNonceEachTime() {
    RawVault.Response r = vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("key_version").asInt()).isEqualTo(1);
    List<String> fields = new ArrayList<>();
    r.data().fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("ciphertext", "key_version");
    String ct = r.data().get("ciphertext").asText();
    assertThat(ct).startsWith("vault:v1:");
    assertThat(Base64.getDecoder().decode(ct.substring(9))).hasSize(12 + 11 + 16);
    assertThat(encrypt("k", "{\"plaintext\":\"" + PT + "\"}")).isNotEqualTo(ct);
  }

  @Test
  void decrypt_roundTripsPlaintext_includingEmptyPlaintext() {
    String ct = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    RawVault.Response r = vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + ct + "\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().toString()).isEqualTo("{\"plaintext\":\"" + PT + "\"}");
    String empty = encrypt("k", "{\"plaintext\":\"\"}");
    assertThat(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + empty + "\"}").data().toString())
        .isEqualTo("{\"plaintext\":\"\"}");
  }

  @Test
  void encrypt_onMissingKey_upsertsPlainKey_orDerivedKeyWhenContextIsSent() {
    assertThat(vault.post("transit/encrypt/newkey", "{\"plaintext\":\"" + PT + "\"}").status()).isEqualTo(200);
    JsonNode plain = vault.get("transit/keys/newkey").data();
    assertThat(plain.get("type").asText()).isEqualTo("aes256-gcm96");
    assertThat(plain.get("derived").asBoolean()).isFalse();
    assertThat(vault.post("transit/encrypt/derivedkey", "{\"plaintext\":\"" + PT + "\",\"context\":\"Y3R4\"}").status())
        .isEqualTo(200);
    JsonNode derived = vault.get("transit/keys/derivedkey").data();
    assertThat(derived.get("derived").asBoolean()).isTrue();
    assertThat(derived.get("kdf").asText()).isEqualTo("hkdf_sha256");
  }

  @Test
  void upsert_canBeDisabledGlobally() {
    assertThat(vault.post("transit/config/keys", "{\"disable_upsert\":true}").status()).isEqualTo(200);
    assertThat(vault.get("transit/config/keys").data().toString()).isEqualTo("{\"disable_upsert\":true}");
    assertError(vault.post("transit/encrypt/nokey", "{\"plaintext\":\"" + PT + "\"}"), 400, "encryption key not found");
  }

  @Test
  void decryptDatakeyAndHmac_onMissingKey_return400EncryptionKeyNotFound() {
    assertError(vault.post("transit/decrypt/nokey", "{\"ciphertext\":\"vault:v1:AAAA\"}"), 400,
        "encryption key not found");
    assertError(vault.post("transit/datakey/plaintext/nokey", "{}"), 400, "encryption key not found");
    assertError(vault.post("transit/hmac/nokey", "{\"input\":\"" + PT + "\"}"), 400, "encryption key not found");
    assertError(vault.post("transit/rewrap/nokey", "{\"ciphertext\":\"vault:v1:AAAA\"}"), 400,
        "encryption key not found");
  }

  @Test
  void decrypt_withMalformedCiphertexts_returnsExactMessages() {
    String ct = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    String[][] cases = {
        {"abc", "invalid ciphertext: no prefix"},
        {"vault:v1", "invalid ciphertext: wrong number of fields"},
        {"vault:vX:AAAA", "invalid ciphertext: version number could not be decoded"},
        {"vault:v99:AAAA", "invalid ciphertext: version is too new"},
        {"vault:v1:!!!", "invalid ciphertext: could not decode base64"},
        {"vault:v1:AAAA", "invalid ciphertext length"},
        {"", "missing ciphertext to decrypt"},
    };
    for (String[] c : cases) {
      assertError(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + c[0] + "\"}"), 400, c[1]);
    }
  }

  @Test
  void decrypt_withFlippedByte_returns400MessageAuthenticationFailed() {
    String ct = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    assertError(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + flipByte(ct) + "\"}"), 400,
        "cipher: message authentication failed");
  }

  @Test
  void decrypt_ofVersionBelowMinDecryptionVersion_returns400TooOld() {
    String v1 = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    vault.post("transit/keys/k/rotate", "");
    vault.post("transit/keys/k/config", "{\"min_decryption_version\":2}");
    assertError(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + v1 + "\"}"), 400,
        "ciphertext or signature version is disallowed by policy (too old)");
  }

  @Test
  void encrypt_withBadInputs_returnsExactMessages() {
    createKey("k", "{}");
    vault.post("transit/keys/k/rotate", "");
    assertError(vault.post("transit/encrypt/k", "{\"plaintext\":\"aGVsbG8\"}"), 400, "illegal base64 data at input byte 4");
    assertError(vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\",\"key_version\":9}"), 400,
        "requested version for encryption is higher than the latest key version");
    assertError(vault.post("transit/encrypt/k", "{\"context\":\"Y3R4\"}"), 400, "missing plaintext to encrypt");
    assertError(vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\",\"key_version\":-1}"), 400,
        "requested version for encryption is negative");
    assertError(vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\",\"nonce\":\"AAECAwQFBgcICQoL\"}"), 400,
        "provided nonce not allowed for this key");
    RawVault.Response v1 = vault.post("transit/encrypt/k", "{\"plaintext\":\"" + PT + "\",\"key_version\":\"1\"}");
    assertThat(v1.data().get("ciphertext").asText()).startsWith("vault:v1:");
  }

  @Test
  void derivedKey_requiresContext_andWrongContextFailsAuthentication() {
    createKey("d", "{\"derived\":true}");
    assertError(vault.post("transit/encrypt/d", "{\"plaintext\":\"" + PT + "\"}"), 400, MISSING_CONTEXT);
    String ct = encrypt("d", "{\"plaintext\":\"" + PT + "\",\"context\":\"YQ==\"}");
    assertError(vault.post("transit/decrypt/d", "{\"ciphertext\":\"" + ct + "\",\"context\":\"Yg==\"}"), 400,
        "cipher: message authentication failed");
    assertError(vault.post("transit/decrypt/d", "{\"ciphertext\":\"" + ct + "\"}"), 400, MISSING_CONTEXT);
    assertThat(vault.post("transit/decrypt/d", "{\"ciphertext\":\"" + ct + "\",\"context\":\"YQ==\"}").data()
        .get("plaintext").asText()).isEqualTo(PT);
  }

  @Test
  void convergentKey_isDeterministic_andRequiresDerivation() {
    RawVault.Response created = vault.post("transit/keys/c", "{\"derived\":true,\"convergent_encryption\":true}");
    assertThat(created.body()).contains("\"convergent_encryption\":true,\"convergent_encryption_version\":-1");
    String body = "{\"plaintext\":\"" + PT + "\",\"context\":\"Y3R4\"}";
    assertThat(encrypt("c", body)).isEqualTo(encrypt("c", body));
    assertThat(vault.get("transit/keys/c").body())
        .contains("\"convergent_encryption\":true,\"convergent_encryption_version\":-1");
    assertError(vault.post("transit/keys/c2", "{\"convergent_encryption\":true}"), 400,
        "convergent encryption requires derivation to be enabled");
  }

  @Test
  void rewrap_movesCiphertextToLatestVersion_andResultStillDecrypts() {
    String v1 = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    vault.post("transit/keys/k/rotate", "");
    RawVault.Response r = vault.post("transit/rewrap/k", "{\"ciphertext\":\"" + v1 + "\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("key_version").asInt()).isEqualTo(2);
    String v2 = r.data().get("ciphertext").asText();
    assertThat(v2).startsWith("vault:v2:");
    assertThat(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + v2 + "\"}").data().get("plaintext").asText())
        .isEqualTo(PT);
  }

  @Test
  void batchEncrypt_withOneBadItem_returns400FullEnvelope_orPartialFailureCode() {
    createKey("k", "{}");
    String items = "[{\"plaintext\":\"" + PT + "\",\"reference\":\"a\"},{\"plaintext\":\"%%%%\",\"reference\":\"b\"}]";
    RawVault.Response r = vault.post("transit/encrypt/k", "{\"batch_input\":" + items + "}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("\"errors\"").startsWith("{\"request_id\":").doesNotEndWith("\n");
    JsonNode results = r.data().get("batch_results");
    assertThat(results.get(0).get("ciphertext").asText()).startsWith("vault:v1:");
    assertThat(results.get(0).get("key_version").asInt()).isEqualTo(1);
    assertThat(results.get(0).get("reference").asText()).isEqualTo("a");
    assertThat(results.get(1).toString())
        .isEqualTo("{\"error\":\"illegal base64 data at input byte 0\",\"reference\":\"b\"}");

    RawVault.Response partial = vault.post("transit/encrypt/k",
        "{\"batch_input\":" + items + ",\"partial_failure_response_code\":207}");
    assertThat(partial.status()).isEqualTo(207);
    assertThat(partial.data().get("batch_results").get(1).get("error").asText())
        .isEqualTo("illegal base64 data at input byte 0");

    assertError(vault.post("transit/encrypt/k", "{\"batch_input\":[{\"plaintext\":\"" + PT + "\"},{\"plaintext\":\""
        + PT + "\",\"context\":\"Y3R4\"}]}"), 400, "context should be set either in all the request blocks or in none");
    assertError(vault.post("transit/encrypt/k", "{\"batch_input\":[]}"), 400, "missing batch input to process");
  }

  @Test
  void batchEncrypt_withAllItemsGood_returns200WithEmptyReferences() {
    RawVault.Response r = vault.post("transit/encrypt/k",
        "{\"batch_input\":[{\"plaintext\":\"" + PT + "\"},{\"plaintext\":\"\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("batch_results").get(1).get("reference").asText()).isEmpty();
    assertThat(r.body()).endsWith("\n");
  }

  @Test
  void batchInput_thatIsNotAnArray_returns400FieldValidationFailed() {
    RawVault.Response r = vault.post("transit/encrypt/k", "{\"batch_input\":\"[{plaintext=aGk=}]\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).asText())
        .startsWith("Field validation failed: error converting input [{plaintext=aGk=}] for field \"batch_input\"");
  }

  @Test
  void batchDecrypt_withOneTamperedItem_returns400EnvelopeWithEmptyPlaintextOnFailure() {
    String ct = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    RawVault.Response r = vault.post("transit/decrypt/k", "{\"batch_input\":[{\"ciphertext\":\"" + ct
        + "\"},{\"ciphertext\":\"" + flipByte(ct) + "\"}]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.data().get("batch_results").toString()).isEqualTo("[{\"plaintext\":\"" + PT + "\",\"reference\":\"\"},"
        + "{\"plaintext\":\"\",\"error\":\"cipher: message authentication failed\",\"reference\":\"\"}]");
    RawVault.Response good = vault.post("transit/decrypt/k", "{\"batch_input\":[{\"ciphertext\":\"" + ct
        + "\"},{\"ciphertext\":\"" + ct + "\"}]}");
    assertThat(good.status()).isEqualTo(200);
  }

  @Test
  void batchRewrap_withBadItem_stays200WithPerItemError() {
    String ct = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    RawVault.Response r = vault.post("transit/rewrap/k", "{\"batch_input\":[{\"ciphertext\":\"" + ct
        + "\",\"reference\":\"x\"},{\"ciphertext\":\"abc\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().get("batch_results").get(0).get("reference").asText()).isEqualTo("x");
    assertThat(r.data().get("batch_results").get(1).toString())
        .isEqualTo("{\"error\":\"invalid ciphertext: no prefix\",\"reference\":\"\"}");
  }

  // ---- data keys, HMAC and random (items 36-38) ----

  @Test
  void datakey_plaintextAndWrapped_haveDocumentedShapesAndBitLengths() {
    createKey("k", "{}");
    RawVault.Response r = vault.post("transit/datakey/plaintext/k", "{}");
    assertThat(r.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    r.data().fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("ciphertext", "key_version", "plaintext");
    String plaintext = r.data().get("plaintext").asText();
    assertThat(Base64.getDecoder().decode(plaintext)).hasSize(32);
    assertThat(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + r.data().get("ciphertext").asText() + "\"}")
        .data().get("plaintext").asText()).isEqualTo(plaintext);
    assertThat(vault.post("transit/datakey/wrapped/k", "{}").data().has("plaintext")).isFalse();
    assertThat(Base64.getDecoder().decode(vault.post("transit/datakey/plaintext/k", "{\"bits\":512}").data()
        .get("plaintext").asText())).hasSize(64);
    assertError(vault.post("transit/datakey/plaintext/k", "{\"bits\":100}"), 400, "invalid bit length");
    assertError(vault.post("transit/datakey/foo/k", "{}"), 400, "Invalid path, must be 'plaintext' or 'wrapped'");
  }

  @Test
  void hmacAndVerify_produceVaultPrefixedMacsAndValidity() {
    createKey("k", "{}");
    String hmac = vault.post("transit/hmac/k", "{\"input\":\"" + PT + "\"}").data().get("hmac").asText();
    assertThat(hmac).matches("^vault:v\\d+:[A-Za-z0-9+/]{43}=$");
    String sha512 = vault.post("transit/hmac/k/sha2-512", "{\"input\":\"" + PT + "\"}").data().get("hmac").asText();
    assertThat(sha512.substring("vault:v1:".length())).hasSize(88);
    assertThat(vault.post("transit/verify/k", "{\"input\":\"" + PT + "\",\"hmac\":\"" + hmac + "\"}").data().toString())
        .isEqualTo("{\"valid\":true}");
    assertThat(vault.post("transit/verify/k", "{\"input\":\"Ynll\",\"hmac\":\"" + hmac + "\"}").data().toString())
        .isEqualTo("{\"valid\":false}");
    assertError(vault.post("transit/hmac/k", "{}"), 400, "missing input for HMAC");
    assertError(vault.post("transit/verify/k", "{\"input\":\"" + PT + "\"}"), 400,
        "neither a 'signature' nor an 'hmac' were given to verify");
    assertError(vault.post("transit/verify/k", "{\"input\":\"" + PT + "\",\"hmac\":\"nope\"}"), 400,
        "invalid HMAC to verify: no prefix");
    assertThat(vault.post("transit/hmac/k/md5", "{\"input\":\"" + PT + "\"}").status()).isEqualTo(400);
  }

  @Test
  void batchHmacAndVerify_alwaysReturn200WithPerItemResults() {
    createKey("k", "{}");
    RawVault.Response r = vault.post("transit/hmac/k", "{\"batch_input\":[{\"input\":\"" + PT
        + "\",\"reference\":\"r\"},{\"reference\":\"s\"}]}");
    assertThat(r.status()).isEqualTo(200);
    String mac = r.data().get("batch_results").get(0).get("hmac").asText();
    assertThat(r.data().get("batch_results").get(1).toString())
        .isEqualTo("{\"error\":\"missing input for HMAC\",\"reference\":\"s\"}");
    RawVault.Response v = vault.post("transit/verify/k", "{\"batch_input\":[{\"input\":\"" + PT + "\",\"hmac\":\""
        + mac + "\"},{\"input\":\"Ynll\",\"hmac\":\"" + mac + "\"}]}");
    assertThat(v.status()).isEqualTo(200);
    assertThat(v.data().get("batch_results").toString())
        .isEqualTo("[{\"valid\":true,\"reference\":\"\"},{\"reference\":\"\"}]");
  }

  @Test
  void random_honoursUrlByteCountFormatAndLimits() {
    assertThat(vault.post("transit/random/16", "{}").data().get("random_bytes").asText()).hasSize(24);
    assertThat(vault.post("transit/random", "{\"format\":\"hex\"}").data().get("random_bytes").asText())
        .matches("^[0-9a-f]{64}$");
    assertError(vault.post("transit/random", "{\"bytes\":0}"), 400, "\"bytes\" cannot be less than 1");
    assertThat(vault.post("sys/tools/random/8", "{}").data().get("random_bytes").asText()).hasSize(12);
    assertError(vault.post("transit/random/abc", "{}"), 400,
        "error parsing url-set byte count: strconv.Atoi: parsing \"abc\": invalid syntax");
    assertError(vault.post("transit/random", "{\"format\":\"x\"}"), 400,
        "unsupported encoding format \"x\"; must be \"hex\" or \"base64\"");
  }

  @Test
  void export_ofExportableKey_returnsRawKeyThatDecryptsLocally() throws Exception {
    createKey("e", "{\"exportable\":true}");
    createKey("n", "{}");
    assertError(vault.get("transit/export/encryption-key/n"), 400, "private key material is not exportable");
    String ct = encrypt("e", "{\"plaintext\":\"" + PT + "\"}");
    byte[] key = Base64.getDecoder().decode(vault.get("transit/export/encryption-key/e/1").data()
        .get("keys").get("1").asText());
    byte[] blob = Base64.getDecoder().decode(ct.substring(9));
    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, blob, 0, 12));
    assertThat(c.doFinal(blob, 12, blob.length - 12)).isEqualTo(Base64.getDecoder().decode(PT));
  }

  // ---- optional KV v2 items ----

  @Test
  void kvV2_writeReadCasDeleteFollowDocumentedShapes() {
    RawVault.Response w = vault.post("secret/data/x", "{\"data\":{\"k\":\"v\"}}");
    assertThat(w.status()).isEqualTo(200);
    assertThat(w.data().get("version").asInt()).isEqualTo(1);
    RawVault.Response r = vault.get("secret/data/x");
    assertThat(r.data().get("data").toString()).isEqualTo("{\"k\":\"v\"}");
    assertThat(r.data().get("metadata").get("version").asInt()).isEqualTo(1);
    assertThat(vault.get("secret/data/never").body()).isEqualTo("{\"errors\":[]}\n");
    assertError(vault.post("secret/data/x", "{\"options\":{\"cas\":0},\"data\":{\"k\":\"w\"}}"), 400,
        "check-and-set parameter did not match the current version");
    assertThat(vault.delete("secret/data/x").status()).isEqualTo(204);
    RawVault.Response deleted = vault.get("secret/data/x");
    assertThat(deleted.status()).isEqualTo(404);
    assertThat(deleted.data().get("data").isNull()).isTrue();
    assertThat(deleted.data().get("metadata").get("deletion_time").asText()).isNotEmpty();
    assertThat(vault.get("secret/metadata/?list=true").data().toString()).isEqualTo("{\"keys\":[\"x\"]}");
  }

  // ---- lifecycle ----

  @Test
  void restart_listensOnSamePortWithSameKeys() {
    String ct = encrypt("k", "{\"plaintext\":\"" + PT + "\"}");
    String address = server.address();
    server.stop();
    assertThat(server.isRunning()).isFalse();
    server.restart();
    assertThat(server.address()).isEqualTo(address);
    assertThat(vault.post("transit/decrypt/k", "{\"ciphertext\":\"" + ct + "\"}").data().get("plaintext").asText())
        .isEqualTo(PT);
  }
}
