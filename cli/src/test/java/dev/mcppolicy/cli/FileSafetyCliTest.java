package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line never damages a user's files (docs/cli.md, "Files it writes"; docs/reliability.md,
 * "Files"): outputs that are inputs or folders are refused, links are written through, modes are
 * kept, and a write that fails is never a success.
 */
class FileSafetyCliTest {
  @TempDir
  Path dir;

  Path policy;
  Path trace;

  static final String POLICY = "default deny\ntool oca_link limit 2/minute per grant\n";
  static final String TRACE = "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"ci\", \"tool\": \"oca_link\", \"expect\": \"deny\"}\n";

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    policy = Files.writeString(dir.resolve("policy.mcppolicy"), POLICY);
    trace = Files.writeString(dir.resolve("day.trace.jsonl"), TRACE);
  }

  static CliTest.Run run(String... args) {
    return CliTest.run(args);
  }

  @Test
  void compileRefusesToWriteOverItsOwnInput() throws Exception {
    CliTest.Run r = run("compile", policy.toString(), "-o", policy.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("refusing to write " + policy + ": it is "), r.err());
    assertEquals(POLICY, Files.readString(policy));
  }

  @Test
  void compileRefusesToWriteOverAFileItImports() throws Exception {
    Path module = Files.writeString(dir.resolve("module.mcppolicy"), "tool oca_link limit 1/day per grant as daily\n");
    Path main = Files.writeString(dir.resolve("main.mcppolicy"), "default deny\nimport \"module\"\n");
    Path link = Files.createSymbolicLink(dir.resolve("out.json"), module);
    CliTest.Run r = run("compile", main.toString(), "-o", link.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("an input of this compile"), r.err());
    assertEquals("tool oca_link limit 1/day per grant as daily\n", Files.readString(module));
  }

  @Test
  void replayRefusesToWriteOverATraceOrThePolicy() throws Exception {
    for (Path input : List.of(trace, policy)) {
      CliTest.Run r = run("replay", "--policy", policy.toString(), trace.toString(), "--out", input.toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("an input of this replay"), r.err());
    }
    assertEquals(TRACE, Files.readString(trace));
    assertEquals(POLICY, Files.readString(policy));
  }

  @Test
  void aDirectoryAsOutputIsRefused() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("out"));
    CliTest.Run compile = run("compile", policy.toString(), "-o", folder.toString());
    assertEquals(2, compile.code());
    assertTrue(compile.err().contains("cannot write " + folder + ": it is a directory"), compile.err());
    CliTest.Run replay = run("replay", "--policy", policy.toString(), trace.toString(), "--out", folder.toString());
    assertEquals(2, replay.code());
    assertTrue(replay.err().contains("cannot write " + folder + ": it is a directory"), replay.err());
    assertEquals(List.of(), names(folder));
  }

  @Test
  void compileWritesThroughASymbolicLink() throws Exception {
    Path real = Files.writeString(Files.createDirectories(dir.resolve("deploy")).resolve("policy.json"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("policy.json"), Path.of("deploy/policy.json"));
    assertEquals(0, run("compile", policy.toString(), "-o", link.toString()).code());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(real).contains("\"oca_link_rate\""));
  }

  @Test
  void fmtKeepsTheModeOfTheFileAndWritesThroughLinks() throws Exception {
    Path messy = Files.writeString(dir.resolve("messy.mcppolicy"), "default   deny\n");
    Files.setPosixFilePermissions(messy, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(dir.resolve("link.mcppolicy"), messy);
    assertEquals(0, run("fmt", link.toString()).code());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("default deny\n", Files.readString(messy));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(messy, LinkOption.NOFOLLOW_LINKS)));
  }

  @Test
  void aFailedWriteToStandardOutputIsExitTwo() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"compile", policy.toString()}, new PrintWriter(full, true, StandardCharsets.UTF_8),
        new PrintWriter(err));
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("cannot write to standard output"), err.toString());
  }

  @Test
  void aFailedRewriteOfExpectationsIsExitTwo() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("locked"));
    Path locked = Files.writeString(folder.resolve("day.trace.jsonl"), TRACE);
    Locks.lock(folder);
    try {
      CliTest.Run r = run("replay", "--policy", policy.toString(), locked.toString(), "--update-expectations");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("cannot update " + locked), r.err());
    } finally {
      Locks.unlock(folder);
    }
    assertEquals(TRACE, Files.readString(locked));
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A folder nothing can be written in, even by root: immutable where chattr works, else read-only. */
  static final class Locks {
    static void lock(Path folder) throws Exception {
      boolean immutable = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start().waitFor() == 0;
      if (!immutable) {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      }
      Path probe = folder.resolve(".probe");
      try {
        Files.writeString(probe, "x");
        Files.delete(probe);
        unlock(folder);
        throw new AssertionError("this machine lets the test write in a locked folder (root without chattr)");
      } catch (IOException expected) {
        // locked
      }
    }

    static void unlock(Path folder) throws Exception {
      new ProcessBuilder("chattr", "-i", folder.toString()).redirectErrorStream(true).start().waitFor();
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
