package dev.mcppolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The file-safety promises of docs/reliability.md ("Files"), one test each. */
class FileSafetyTest {
  @TempDir
  Path dir;

  /** Writes {@code text} to {@code target} from a child JVM started under {@code umask}. */
  private static void writeUnderUmask(String umask, Path target, String text) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" " + FileWriter.class.getName()
        + " \"$2\" \"$3\"", java, System.getProperty("java.class.path"), target.toString(), text)
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), output);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @ParameterizedTest(name = "umask {0}: a new file is {1}")
  @CsvSource({"022, rw-r--r--", "077, rw-------", "002, rw-rw-r--"})
  void aNewFileGetsTheModeTheUmaskGives(String umask, String expected) throws Exception {
    Path target = dir.resolve("policy.json");
    writeUnderUmask(umask, target, "{}\n");
    assertEquals(expected, mode(target));
  }

  @ParameterizedTest(name = "a {0} file rewritten under umask 077 stays {0}")
  @CsvSource({"rw-r--r--", "rw-r-----", "rwxr-xr-x", "rw-------"})
  void aRewrittenFileKeepsItsMode(String before) throws Exception {
    Path target = Files.writeString(dir.resolve("policy.mcppolicy"), "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(before));
    writeUnderUmask("077", target, "new\n");
    assertEquals("new\n", Files.readString(target));
    assertEquals(before, mode(target));
  }

  @Test
  void aSymbolicLinkToAFileIsWrittenThroughAndStaysALink() throws IOException {
    Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("policy.json"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("policy.json"), Path.of("real/policy.json"));
    AtomicFiles.write(link, "new\n");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Path.of("real/policy.json"), Files.readSymbolicLink(link));
    assertEquals("new\n", Files.readString(real));
    assertEquals(List.of("policy.json"), names(dir.resolve("real")));
  }

  @Test
  void aChainOfLinksIsFollowedToItsEnd() throws IOException {
    Path real = Files.writeString(dir.resolve("real.json"), "old\n");
    Path middle = Files.createSymbolicLink(dir.resolve("middle.json"), real);
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("middle.json"));
    AtomicFiles.write(link, "new\n");
    assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(middle));
    assertEquals("new\n", Files.readString(real));
  }

  @Test
  void aLinkToAFileNotYetThereCreatesTheFile() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("policy.json"), Path.of("out.json"));
    AtomicFiles.write(link, "new\n");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(dir.resolve("out.json")));
  }

  @Test
  void aFileInALinkedFolderIsWrittenInTheFolderTheLinkLeadsTo() throws IOException {
    Path real = Files.createDirectories(dir.resolve("build/out"));
    Path link = Files.createSymbolicLink(dir.resolve("out"), real);
    AtomicFiles.write(link.resolve("policy.json"), "new\n");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(real.resolve("policy.json")));
  }

  @Test
  void aLinkLoopIsRefused() throws IOException {
    Path a = Files.createSymbolicLink(dir.resolve("a.json"), Path.of("b.json"));
    Files.createSymbolicLink(dir.resolve("b.json"), Path.of("a.json"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.write(a, "x"));
    assertEquals("too many levels of symbolic links", IoErrors.describe(e));
    assertEquals(List.of("a.json", "b.json"), names(dir));
  }

  @Test
  void aFifoIsWrittenDirectlyAndStaysAFifo() throws Exception {
    Path fifo = dir.resolve("results.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    AtomicFiles.write(fifo, "through the pipe\n");
    assertEquals("through the pipe\n", read.get(30, TimeUnit.SECONDS));
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "still a FIFO");
    assertEquals(List.of("results.fifo"), names(dir));
  }

  @Test
  void aDeviceIsWrittenDirectlyAndStaysADevice() throws Exception {
    // a device node of our own (the same device as /dev/null) where we may make one; else /dev/null itself
    Path device = dir.resolve("null");
    boolean own = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0;
    if (!own) {
      device = Path.of("/dev/null");
    }
    AtomicFiles.write(device, "discarded\n");
    assertEquals("character", kind(device));
    assertEquals(0, Files.size(device));
    if (own) {
      assertEquals(List.of("null"), names(dir));
    }
  }

  private static String kind(Path p) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode");
    return (mode & 0170000) == 0020000 ? "character" : "other (" + Integer.toOctalString(mode) + ")";
  }

  @Test
  void aDirectoryIsRefusedAndLeftAsItIs() throws IOException {
    Path target = Files.createDirectories(dir.resolve("policy.json"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.write(target, "x"));
    assertEquals("it is a directory", IoErrors.describe(e));
    assertTrue(Files.isDirectory(target));
    assertEquals(List.of("policy.json"), names(dir));
  }

  @Test
  void theSameFileIsRecognisedThroughLinks() throws IOException {
    Path file = Files.writeString(dir.resolve("trace.jsonl"), "{}\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), file);
    assertTrue(AtomicFiles.isSameFile(link, file));
    assertTrue(AtomicFiles.isSameFile(dir.resolve("./trace.jsonl"), file));
    assertFalse(AtomicFiles.isSameFile(dir.resolve("other.jsonl"), file), "a file not yet there is no input");
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
