package dev.mcppolicy.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** A child process for {@link AtomicFilesTest}: holds a scratch folder with files in it until stopped. */
public final class ScratchHolder {
  private ScratchHolder() {}

  public static void main(String[] args) throws Exception {
    Path folder = Files.createDirectory(Path.of(args[0]));
    AtomicFiles.removeIfStopped(folder);
    Files.writeString(folder.resolve("run-0"), "sorted records");
    Files.writeString(folder.resolve("run-1"), "more");
    Files.writeString(Path.of(args[0] + ".ready"), "");
    Thread.sleep(60_000);
  }
}
