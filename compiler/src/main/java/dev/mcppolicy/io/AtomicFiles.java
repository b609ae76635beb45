package dev.mcppolicy.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the new, never a part: the bytes go
 * to a temporary file beside the target, which is then renamed over it. On failure the temporary
 * file is removed and the target is untouched; if the process is stopped meanwhile (Ctrl-C), a
 * shutdown hook removes it. Modes, symbolic links, devices and FIFOs are treated as Unix tools
 * treat them: see {@link #write(Path, Content)}.
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

  /**
   * Writes {@code target} as Unix tools do (docs/reliability.md, "Files"):
   * <ul>
   *   <li>a regular file, or a new one, is replaced atomically: a temporary file beside it, then a
   *       rename; a new file gets {@code 0666 & ~umask}, a rewritten one keeps its mode;
   *   <li>a symbolic link is written through to the file it leads to (which may not exist yet),
   *       never replaced by a regular file;
   *   <li>a device, FIFO or socket ({@code /dev/null}, {@code /dev/stdout}) is written directly;
   *   <li>a directory is refused.
   * </ul>
   */
  public static void write(Path target, Content content) throws IOException {
    if (Files.isDirectory(target)) {
      throw new FileSystemException(target.toString(), null, "it is a directory");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // opened without O_CREAT or O_TRUNC: the device or FIFO stays what it is
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE))) {
        content.writeTo(out);
      }
      return;
    }
    Path real = throughLinks(target.toAbsolutePath());
    Path dir = real.getParent();
    Files.createDirectories(dir);
    Optional<Set<PosixFilePermission>> mode = Files.exists(real) ? permissions(real) : Optional.empty();
    Temp created = createTemp(dir); // already known to the shutdown hook
    Path temp = created.path();
    try {
      // written through the stream that created it: reopening it by name could make the file
      // again after a shutdown hook had removed it, while this thread still runs
      try (var out = new java.io.BufferedOutputStream(created.out())) {
        content.writeTo(out);
      }
      if (mode.isPresent()) {
        Files.setPosixFilePermissions(temp, mode.get());
      }
      try {
        Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
      IN_FLIGHT.remove(temp);
    }
  }

  /**
   * True when writing {@code output} would overwrite {@code input}: the same file, through any
   * links. Commands refuse such an output before they read anything.
   */
  public static boolean isSameFile(Path output, Path input) {
    try {
      return Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input);
    } catch (IOException e) {
      return false;
    }
  }

  /** The path a symbolic link chain ends at, which need not exist: the file to replace. */
  static Path throughLinks(Path path) throws IOException {
    Path p = path;
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops == 40) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      Path next = Files.readSymbolicLink(p);
      p = p.toAbsolutePath().getParent().resolve(next).normalize();
    }
    return p;
  }

  /**
   * A new, empty file beside the target, open for writing. Created without explicit permissions, so the operating
   * system gives it {@code 0666 & ~umask}, as it would give the target if it were created directly
   * ({@code Files.createTempFile} would make it 0600).
   */
  private static Temp createTemp(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve(".mcppolicy-tmp-" + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part");
      IN_FLIGHT.add(temp); // before it exists: a process stopped right after creating it still removes it
      try {
        return new Temp(temp, Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      } catch (IOException e) {
        IN_FLIGHT.remove(temp);
        if (!(e instanceof java.nio.file.FileAlreadyExistsException) || attempt == 100) {
          throw e;
        }
      }
    }
  }

  /** A temporary file just created, and the stream that created it. */
  private record Temp(Path path, java.io.OutputStream out) {}

  private static Optional<Set<PosixFilePermission>> permissions(Path file) {
    try {
      return Optional.of(Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException | IOException e) {
      return Optional.empty(); // not a POSIX file system: the file system's defaults apply
    }
  }
}
