package io.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.iv.RandomIvGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsAndCompletionTest {

  @TempDir Path dir;

  static String decrypt(String enc, String password) {
    StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
    encryptor.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
    encryptor.setKeyObtentionIterations(1000);
    encryptor.setIvGenerator(new RandomIvGenerator());
    encryptor.setPassword(password);
    return encryptor.decrypt(enc.substring(4, enc.length() - 1));
  }

  @Test
  void secretsEncrypt_readsTheSecretFromStdin_andPrintsAnEncValue() {
    Cli.Result r = Cli.withEnv(Map.of("JASYPT_ENCRYPTOR_PASSWORD", "pw-1")).stdin("s3cr3t-db\n")
        .run("secrets", "encrypt");
    assertThat(r.exit()).as(r.err()).isZero();
    String enc = r.out().trim();
    assertThat(enc).matches("ENC\\([A-Za-z0-9+/=]+\\)").doesNotContain("s3cr3t-db");
    assertThat(decrypt(enc, "pw-1")).isEqualTo("s3cr3t-db");
    assertThat(Cli.withEnv(Map.of("JASYPT_ENCRYPTOR_PASSWORD", "pw-1")).stdin("s3cr3t-db\n")
        .run("secrets", "encrypt").out().trim()).as("random salt and IV").isNotEqualTo(enc);
  }

  @Test
  void secretsEncrypt_takesThePasswordFromAFile() throws Exception {
    Path file = dir.resolve("jasypt-password");
    Files.writeString(file, "pw-from-file\n");
    Cli.Result r = Cli.withEnv(Map.of()).stdin("vault-secret-id\n")
        .run("secrets", "encrypt", "--password-file", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(decrypt(r.out().trim(), "pw-from-file")).isEqualTo("vault-secret-id");
  }

  @Test
  void secretsEncrypt_refusesASecretGivenAsAnArgument_withoutEchoingIt() {
    Cli.Result r = Cli.withEnv(Map.of("JASYPT_ENCRYPTOR_PASSWORD", "pw-1"))
        .run("secrets", "encrypt", "hunter2-secret");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("never taken as an argument").doesNotContain("hunter2-secret");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void secretsEncrypt_withoutPasswordOrSecret_isAUsageError() {
    Cli.Result noPassword = Cli.withEnv(Map.of()).stdin("x\n").run("secrets", "encrypt");
    assertThat(noPassword.exit()).isEqualTo(2);
    assertThat(noPassword.err()).contains("JASYPT_ENCRYPTOR_PASSWORD");
    Cli.Result noSecret = Cli.withEnv(Map.of("JASYPT_ENCRYPTOR_PASSWORD", "pw")).stdin("")
        .run("secrets", "encrypt");
    assertThat(noSecret.exit()).isEqualTo(2);
    assertThat(noSecret.err()).contains("no secret");
  }

  @Test
  void completion_forZsh_enablesBashcompinit_andCompletesTheNewVerbs() {
    Cli.Result zsh = Cli.withEnv(Map.of()).run("completion", "zsh");
    assertThat(zsh.exit()).isZero();
    assertThat(zsh.out()).startsWith("#compdef lethe").contains("bashcompinit",
        "complete -F _complete_lethe", "principals", "secrets");
    Cli.Result bash = Cli.withEnv(Map.of()).run("completion", "bash");
    assertThat(bash.out()).doesNotContain("#compdef").contains("keys");
    assertThat(Cli.withEnv(Map.of()).run("completion", "fish").exit()).isEqualTo(2);
  }

  @Test
  void help_documentsTheExitCodes() {
    Cli.Result help = Cli.withEnv(Map.of()).run("--help");
    assertThat(help.out()).contains("Exit codes: 0 ok, 1 server-side failure, 2 usage",
        "keys", "principals", "secrets");
  }
}
