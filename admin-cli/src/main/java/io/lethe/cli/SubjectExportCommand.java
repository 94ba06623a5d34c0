package io.lethe.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lethe subjects export ID --purpose P --out FILE}: streams the subject's export zip into
 * a file next to FILE and moves it into place only once complete, so a broken transfer never
 * leaves a truncated zip under the asked name. The zip holds personal data in plain: it is
 * written with owner-only permissions where the file system has them, and an existing file is
 * kept unless {@code --force}.
 */
@Command(name = "export", description = "Download the subject's data (every record in plain,"
    + " every photo and file) as a zip.")
final class SubjectExportCommand extends LetheCommand {

  @Parameters(paramLabel = "ID") String id;

  @Option(names = "--purpose", required = true, paramLabel = "P",
      description = "data-subject-request (the person asks) or legal-obligation.")
  String purpose;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the zip.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  int run() {
    if (Files.exists(out) && !force) {
      throw new UsageException(out + " exists; add --force to replace it");
    }
    Path absolute = out.toAbsolutePath();
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
    long bytes;
    try {
      try (OutputStream file = Files.newOutputStream(partial, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ownerOnly(partial);
        bytes = api().download(ApiClient.query("/v1/subjects/" + ApiClient.segment(id)
            + "/export", Map.of("purpose", purpose)), file);
      }
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new UsageException("cannot write " + out + ": " + e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      deleteQuietly(partial);
      throw e;
    }
    out().println("Wrote " + out + " (" + bytes + " bytes)");
    return ExitCodes.OK;
  }

  private static void ownerOnly(Path file) throws IOException {
    if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
        != null) {
      Files.setPosixFilePermissions(file,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The failure being reported matters more than the leftover part file.
    }
  }
}
