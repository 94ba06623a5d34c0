package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Reads and atomically replaces the keyring file. A crash mid-rotation must leave either the old
 * or the new keyring, never half of one: a lost KEK makes every subject key unreadable. So the
 * new content goes to a temporary file in the same directory, is forced to disk, and is moved over
 * the old one with ATOMIC_MOVE. Permissions are 0600 from creation, so no window exists in which
 * another user could read the sealed file.
 */
final class KeyringStore {

  private final Path file;

  KeyringStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  byte[] readIfExists() {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.KEYRING_IO, "cannot read the keyring " + file, e);
    }
  }

  void replace(byte[] content) {
    Path dir = file.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", ownerOnly());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.KEYRING_IO, "cannot write the keyring " + file, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The failure that brought us here is the one worth reporting.
        }
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
    return new FileAttribute<?>[0];
  }

  /** Makes the rename itself durable where the platform allows it (Linux does, Windows not). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the move already happened atomically.
    }
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
