package dev.mcppolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("policy.json");
    AtomicFiles.write(target, "old\n");
    AtomicFiles.write(target, "new\n");
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of("policy.json"), names());
  }

  @Test
  void createsMissingFolders() throws IOException {
    Path target = dir.resolve("a/b/policy.json");
    AtomicFiles.write(target, "x");
    assertEquals("x", Files.readString(target));
  }

  /**
   * Runs {@code main} with {@code arg} in a child JVM, waits until {@code started} holds, then
   * stops it with SIGTERM, as Ctrl-C or a CI timeout would.
   */
  private static void stopWhen(Class<?> main, String arg, java.util.concurrent.Callable<Boolean> started) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName(), arg)
        .redirectErrorStream(true).start();
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!started.call()) {
        assertTrue(System.nanoTime() < deadline && child.isAlive(), "the child never got there");
        Thread.sleep(20);
      }
    } finally {
      child.destroy();
      child.waitFor();
    }
  }

  @Test
  void aProcessStoppedMidWriteLeavesNoTemporaryFile() throws Exception {
    stopWhen(SlowWriter.class, dir.resolve("policy.json").toString(),
        () -> names().stream().anyMatch(n -> n.startsWith(".mcppolicy-tmp-")));

    assertEquals(List.of(), names(), "the shutdown hook removed the temporary file; no target was created");
  }

  @Test
  void aProcessStoppedWhileHoldingScratchFilesLeavesNone() throws Exception {
    Path folder = dir.resolve("mcppolicy-sort-1");
    stopWhen(ScratchHolder.class, folder.toString(), () -> Files.exists(dir.resolve("mcppolicy-sort-1.ready")));

    assertEquals(List.of("mcppolicy-sort-1.ready"), names(), "the shutdown hook removed the folder and its files");
  }

  @Test
  void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("policy.json");
    AtomicFiles.write(target, "good\n");
    Path blocked = dir.resolve("sub");
    Files.createDirectories(blocked.resolve("policy.json")); // a directory where the file should go
    assertThrows(IOException.class, () -> AtomicFiles.write(blocked.resolve("policy.json"), "x"));
    assertEquals("good\n", Files.readString(target));
    try (Stream<Path> files = Files.list(blocked)) {
      assertEquals(List.of("policy.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }
}
