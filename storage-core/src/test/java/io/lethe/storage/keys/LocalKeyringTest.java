package io.lethe.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyringTest extends KeyProviderContract {

  @TempDir
  Path dir;

  @Override
  protected KeyProvider newProvider() {
    return TestKeyrings.fast(dir.resolve("keyring.lkr"));
  }

  @Override
  protected KeyProvider anotherKek() {
    return TestKeyrings.fast(dir.resolve("keyring-region-b.lkr"));
  }

  @Test
  void reopen_withSamePassphrase_unwrapsKeysAndSeesRotation() {
    DataKey key = keys.generateDataKey();
    keys.rotate();
    KeyProvider reopened = TestKeyrings.fast(dir.resolve("keyring.lkr"));
    assertThat(reopened.currentVersion()).isEqualTo(2);
    try (SecretBytes back = reopened.unwrap(key.wrapped())) {
      assertThat(back).isEqualTo(key.plaintext());
    }
  }

  @Test
  void reopen_afterRetirement_keepsTheMinimumDecryptionVersion() {
    keys.rotate();
    keys.setMinDecryptionVersion(2);
    assertThat(TestKeyrings.fast(dir.resolve("keyring.lkr")).minDecryptionVersion()).isEqualTo(2);
  }

  @Test
  void open_withWrongPassphrase_failsWithPassphraseCode_andNoCause() {
    assertThatThrownBy(() -> TestKeyrings.fast(dir.resolve("keyring.lkr"), "wrong passphrase!!"))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageErrorCode.KEYRING_PASSPHRASE);
          assertThat(e.getCause()).isNull();
          assertThat(e.getMessage()).doesNotContain(TestKeyrings.PASSPHRASE);
        });
  }

  @Test
  void open_ofAlteredFile_isRefused() throws Exception {
    Path file = dir.resolve("keyring.lkr");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 0x01;
    Files.write(file, bytes);
    assertThatThrownBy(() -> TestKeyrings.fast(file))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEYRING_PASSPHRASE));
  }

  @Test
  void open_ofFileThatIsNoKeyring_failsWithCorrupt() throws Exception {
    Path file = dir.resolve("not-a-keyring.lkr");
    Files.writeString(file, "hello, this is not a keyring at all");
    assertThatThrownBy(() -> TestKeyrings.fast(file))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEYRING_CORRUPT));
  }

  @Test
  void open_ofTruncatedFile_failsWithCorrupt() throws Exception {
    Path file = dir.resolve("keyring.lkr");
    Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
    assertThatThrownBy(() -> TestKeyrings.fast(file))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEYRING_CORRUPT));
  }

  @Test
  void create_withShortPassphrase_isRefused() {
    assertThatThrownBy(() -> TestKeyrings.fast(dir.resolve("new.lkr"), "short"))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.KEYRING_PASSPHRASE));
    assertThat(dir.resolve("new.lkr")).doesNotExist();
  }

  @Test
  void keyringFile_isReadableByItsOwnerOnly_andLeavesNoTemporaryFiles() throws Exception {
    keys.rotate();
    Path file = dir.resolve("keyring.lkr");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void localKeyringFactory_createsFileWithDefaultIterationCount() throws Exception {
    Path file = dir.resolve("default.lkr");
    KeyProvider.localKeyring(file, TestKeyrings.PASSPHRASE.toCharArray());
    byte[] header = Files.readAllBytes(file);
    int iterations = java.nio.ByteBuffer.wrap(header, 10, 4).getInt();
    assertThat(iterations).isEqualTo(600_000);
  }

  @Test
  void toString_namesFileAndVersion_butNoKeyMaterial() {
    assertThat(keys.toString()).contains("keyring.lkr").contains("version 1");
  }
}
