package dev.mcppolicy.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the new, never a part: the bytes go
 * to a temporary file beside the target, which is then renamed over it. On failure the temporary
 * file is removed and the target is untouched; if the process is stopped meanwhile (Ctrl-C), a
 * shutdown hook removes it.
 */
public final class AtomicFiles {
  private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removeInFlight, "mcppolicy-temp-cleanup"));
  }

  private AtomicFiles() {}

  /**
   * Removes {@code path}, a file or a folder with the files in it, if the process is stopped (Ctrl-C,
   * a CI timeout) before the caller removes it and calls {@link #forget}: for scratch files, such
   * as the runs of a sort or results gathered before they are printed.
   */
  public static void removeIfStopped(Path path) {
    IN_FLIGHT.add(path);
  }

  /** The caller has removed {@code path} (or kept it on purpose): the shutdown hook leaves it alone. */
  public static void forget(Path path) {
    IN_FLIGHT.remove(path);
  }

  private static void removeInFlight() {
    for (Path p : IN_FLIGHT) {
      try {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (var files = Files.list(p)) {
            for (Path f : (Iterable<Path>) files::iterator) {
              Files.deleteIfExists(f);
            }
          }
        }
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // the process is ending; nothing else can be done
      }
    }
  }

  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** What to write, streamed: for outputs too large to hold in memory. */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".mcppolicy-tmp-", ".part");
    IN_FLIGHT.add(temp);
    try {
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(temp))) {
        content.writeTo(out);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
      IN_FLIGHT.remove(temp);
    }
  }
}
