package io.lethe.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.iv.RandomIvGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lethe secrets encrypt}: a Jasypt {@code ENC(...)} value for the server's settings. */
@Command(name = "secrets", description = "Secrets for the server's configuration.",
    subcommands = SecretsCommand.Encrypt.class)
final class SecretsCommand {

  private SecretsCommand() {}

  /**
   * The server's Jasypt settings (jasypt-spring-boot's defaults, which the server does not
   * change): PBE with HMAC-SHA-512 and AES-256, 1000 iterations, random salt and IV, base64.
   */
  static String encrypt(String secret, String password) {
    StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
    encryptor.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
    encryptor.setKeyObtentionIterations(1000);
    encryptor.setIvGenerator(new RandomIvGenerator());
    encryptor.setStringOutputType("base64");
    encryptor.setPassword(password);
    return "ENC(" + encryptor.encrypt(secret) + ")";
  }

  @Command(name = "encrypt", description = {"Encrypt a secret (database password, S3 secret key,"
      + " keyring passphrase, Vault secret id) into an ENC(...) value the server decrypts with"
      + " JASYPT_ENCRYPTOR_PASSWORD. The secret is read from a prompt, or from the first line of"
      + " standard input when piped; never from an argument. The Jasypt password comes from"
      + " JASYPT_ENCRYPTOR_PASSWORD, --password-file, or a prompt.",
      "Exit 2 when the secret or the password is missing."})
  static final class Encrypt extends LetheCommand {
    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Read the Jasypt password from this file.")
    Path passwordFile;

    /** Refuses a secret on the command line without echoing it (ps, shell history). */
    @Parameters(hidden = true, arity = "0..*", paramLabel = "(refused)")
    List<String> refused;

    @Override
    int run() throws IOException {
      if (refused != null && !refused.isEmpty()) {
        throw new UsageException("the secret is never taken as an argument (it would show in ps"
            + " and shell history): pipe it on standard input or type it at the prompt");
      }
      Console console = System.console();
      boolean interactive = console != null && root().stdin == System.in;
      String password = password(console, interactive);
      String secret = interactive ? prompt(console, "Secret to encrypt: ")
          : firstLine();
      if (secret.isEmpty()) {
        throw new UsageException("no secret given on standard input");
      }
      out().println(encrypt(secret, password));
      out().flush();
      return ExitCodes.OK;
    }

    private String password(Console console, boolean interactive) throws IOException {
      if (passwordFile != null) {
        String fromFile;
        try {
          fromFile = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
          throw new UsageException("cannot read the password file " + passwordFile);
        }
        if (fromFile.isEmpty()) {
          throw new UsageException("the password file " + passwordFile + " is empty");
        }
        return fromFile;
      }
      String fromEnv = root().env.get("JASYPT_ENCRYPTOR_PASSWORD");
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv;
      }
      if (interactive) {
        String typed = prompt(console, "Jasypt password (JASYPT_ENCRYPTOR_PASSWORD): ");
        if (!typed.isEmpty()) {
          return typed;
        }
      }
      throw new UsageException("no Jasypt password: set JASYPT_ENCRYPTOR_PASSWORD or pass"
          + " --password-file FILE");
    }

    private static String prompt(Console console, String label) {
      char[] typed = console.readPassword(label);
      return typed == null ? "" : new String(typed);
    }

    private String firstLine() throws IOException {
      String line = new BufferedReader(new InputStreamReader(root().stdin,
          StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line;
    }
  }
}
