package io.lethe.testsupport.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.sys.mounts.MountPayload;
import io.github.jopenlibs.vault.api.sys.mounts.MountType;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.HealthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real vault-java-driver 6.2.1 against the test server, including its known pitfalls. */
class VaultJavaDriverIT {

  private static final String PT = "aGVsbG8gd29ybGQ=";

  private VaultTestServer server;

  @BeforeEach
  void start() {
    server = VaultTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A new config per Vault instance: the driver mutates the config it is given. */
  private VaultConfig config(String token) throws VaultException {
    return new VaultConfig().address(server.address()).token(token).openTimeout(5).readTimeout(10).build();
  }

  private Vault transit() throws VaultException {
    return Vault.create(config(server.rootToken()), 1);
  }

  @Test
  void engineVersion1_transitEncryptDecryptAndKeyRead_work() throws Exception {
    Vault vault = transit();
    LogicalResponse enc = vault.logical().write("transit/encrypt/k", Map.of("plaintext", PT));
    assertThat(enc.getRestResponse().getStatus()).isEqualTo(200);
    String ciphertext = enc.getData().get("ciphertext");
    assertThat(ciphertext).startsWith("vault:v1:");
    assertThat(enc.getData().get("key_version")).isEqualTo("1");

    LogicalResponse dec = vault.logical().write("transit/decrypt/k", Map.of("ciphertext", ciphertext));
    assertThat(dec.getData().get("plaintext")).isEqualTo(PT);

    LogicalResponse key = vault.logical().read("transit/keys/k");
    assertThat(key.getRestResponse().getStatus()).isEqualTo(200);
    assertThat(key.getData().get("latest_version")).isEqualTo("1");
    assertThat(vault.logical().list("transit/keys").getListData()).containsExactly("k");
  }

  @Test
  void defaultEngineVersion2_manglesTransitPath_andGets404WithEmptyDataWithoutThrowing() throws Exception {
    Vault kv2 = Vault.create(config(server.rootToken()));
    LogicalResponse r = kv2.logical().write("transit/encrypt/k", Map.of("plaintext", PT));
    assertThat(r.getRestResponse().getStatus()).isEqualTo(404);
    assertThat(r.getData()).isEmpty();
    assertThat(new String(r.getRestResponse().getBody()))
        .isEqualTo("{\"errors\":[\"1 error occurred:\\n\\t* unsupported path\\n\\n\"]}\n");
  }

  @Test
  void deleteOfNonDeletableKey_throwsVaultExceptionWithStatus400() throws Exception {
    Vault vault = transit();
    vault.logical().write("transit/keys/k", Map.of());
    VaultException e = catchThrowableOfType(() -> vault.logical().delete("transit/keys/k"), VaultException.class);
    assertThat(e.getHttpStatusCode()).isEqualTo(400);
    assertThat(e.getMessage()).contains("deletion is not allowed for this key");

    vault.logical().write("transit/keys/k/config", Map.of("deletion_allowed", true));
    assertThat(vault.logical().delete("transit/keys/k").getRestResponse().getStatus()).isEqualTo(204);
  }

  @Test
  void lookupSelf_parsesRootTokenData() throws Exception {
    LookupResponse self = transit().auth().lookupSelf();
    assertThat(self.getId()).isEqualTo(server.rootToken());
    assertThat(self.getPolicies()).containsExactly("root");
    assertThat(self.getPath()).isEqualTo("auth/token/root");
  }

  @Test
  void health_reportsInitializedUnsealedActive() throws Exception {
    HealthResponse health = transit().debug().health();
    assertThat(health.getRestResponse().getStatus()).isEqualTo(200);
    assertThat(health.getInitialized()).isTrue();
    assertThat(health.getSealed()).isFalse();
    assertThat(health.getStandby()).isFalse();
    assertThat(health.getServerTimeUTC()).isPositive();
  }

  @Test
  void appRoleLogin_givesTokenWhosePoliciesGovernTransitAccess() throws Exception {
    server.putPolicy("encrypt-only", VaultTestServer.rule("transit/encrypt/orders", "create", "update"));
    String[] ids = server.approle("app", "encrypt-only");
    AuthResponse login = Vault.create(config(null), 1).auth().loginByAppRole(ids[0], ids[1]);
    assertThat(login.getAuthClientToken()).startsWith("hvs.");
    assertThat(login.getAuthPolicies()).containsExactly("default", "encrypt-only");
    assertThat(login.getRenewable()).isFalse();
    assertThat(login.isAuthRenewable()).isTrue();

    Vault app = Vault.create(config(login.getAuthClientToken()), 1);
    assertThat(app.auth().lookupSelf().getPolicies()).containsExactly("default", "encrypt-only");
    assertThat(app.logical().write("transit/encrypt/orders", Map.of("plaintext", PT)).getRestResponse().getStatus())
        .isEqualTo(200);
    LogicalResponse denied = app.logical().write("transit/decrypt/orders", Map.of("ciphertext", "vault:v1:AAAA"));
    assertThat(denied.getRestResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void sealedServer_makesLogicalCallsThrow503_whileHealthReportsSealed() throws Exception {
    Vault vault = transit();
    server.seal();
    VaultException e = catchThrowableOfType(
        () -> vault.logical().write("transit/encrypt/k", Map.of("plaintext", PT)), VaultException.class);
    assertThat(e.getHttpStatusCode()).isEqualTo(503);
    HealthResponse health = vault.debug().health();
    assertThat(health.getRestResponse().getStatus()).isEqualTo(503);
    assertThat(health.getSealed()).isTrue();
    assertThat(vault.seal().sealStatus().getSealed()).isTrue();
    server.unseal();
    assertThat(vault.logical().write("transit/encrypt/k", Map.of("plaintext", PT)).getRestResponse().getStatus())
        .isEqualTo(200);
  }

  @Test
  void batchInput_asJsonArrayWorks_butAsJavaListIsSentAsStringAndRejected() throws Exception {
    Vault vault = transit();
    JsonArray items = new JsonArray().add(new JsonObject().add("plaintext", PT).add("reference", "r1"));
    LogicalResponse ok = vault.logical().write("transit/encrypt/k", Map.of("batch_input", items));
    assertThat(ok.getRestResponse().getStatus()).isEqualTo(200);
    assertThat(ok.getDataObject().get("batch_results").asArray().get(0).asObject().getString("reference"))
        .isEqualTo("r1");

    LogicalResponse wrong = vault.logical().write("transit/encrypt/k",
        Map.of("batch_input", List.of(Map.of("plaintext", PT))));
    assertThat(wrong.getRestResponse().getStatus()).isEqualTo(400);
    assertThat(new String(wrong.getRestResponse().getBody())).contains("Field validation failed");
  }

  @Test
  void mountsApi_enablesTransitWithExact204() throws Exception {
    Vault vault = transit();
    assertThat(vault.sys().mounts().enable("transit2", MountType.TRANSIT, new MountPayload())
        .getRestResponse().getStatus()).isEqualTo(204);
    assertThat(vault.sys().mounts().list().getMounts()).containsKey("transit2/");
    assertThat(vault.logical().write("transit2/encrypt/k", Map.of("plaintext", PT)).getData().get("ciphertext"))
        .startsWith("vault:v1:");
    assertThat(vault.sys().mounts().disable("transit2").getRestResponse().getStatus()).isEqualTo(204);
  }

  @Test
  void outage_stopMakesDriverFailWithTransportError_andRestartRestoresSameKeys() throws Exception {
    Vault vault = transit();
    String ct = vault.logical().write("transit/encrypt/k", Map.of("plaintext", PT)).getData().get("ciphertext");
    server.stop();
    assertThatThrownBy(() -> vault.logical().write("transit/decrypt/k", Map.of("ciphertext", ct)))
        .isInstanceOf(VaultException.class)
        .satisfies(t -> assertThat(((VaultException) t).getHttpStatusCode()).isZero());
    server.restart();
    assertThat(vault.logical().write("transit/decrypt/k", Map.of("ciphertext", ct)).getData().get("plaintext"))
        .isEqualTo(PT);
  }

  @Test
  void kvV2_viaDefaultEngineVersion_writesAndReadsSecret() throws Exception {
    Vault kv = Vault.create(config(server.rootToken()));
    assertThat(kv.logical().write("secret/app", Map.of("wrapped_dek", "vault:v1:abc")).getRestResponse().getStatus())
        .isEqualTo(200);
    LogicalResponse read = kv.logical().read("secret/app");
    assertThat(read.getData()).containsEntry("wrapped_dek", "vault:v1:abc");
  }
}
