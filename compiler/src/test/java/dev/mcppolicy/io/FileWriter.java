package dev.mcppolicy.io;

import java.nio.file.Path;

/** A child process for {@link FileSafetyTest}: writes {@code args[1]} to {@code args[0]}, under the umask it was started with. */
public final class FileWriter {
  private FileWriter() {}

  public static void main(String[] args) throws Exception {
    AtomicFiles.write(Path.of(args[0]), args[1]);
  }
}
