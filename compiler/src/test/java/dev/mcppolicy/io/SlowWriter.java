package dev.mcppolicy.io;

import java.nio.file.Path;

/** A child process for {@link AtomicFilesTest}: writes a file slowly, to be stopped midway. */
public final class SlowWriter {
  private SlowWriter() {}

  public static void main(String[] args) throws Exception {
    AtomicFiles.write(Path.of(args[0]), out -> {
      for (int i = 0; i < 600; i++) {
        out.write(new byte[1024]);
        out.flush();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
    });
  }
}
