package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mcppolicy} launcher, run as a user runs it, on the jar this build packaged: its
 * stdout is exactly the policy.json, with nothing of the JVM's in it (a JVM option that printed a
 * warning once ended up at the top of every compiled policy).
 */
class LauncherIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void compileWritesExactlyThePolicyJsonToStdout() throws Exception {
    Result r = run(Map.of(), "compile", "samples/odoo/policy.mcppolicy");

    assertEquals("", r.stderr());
    assertEquals(Files.readString(ROOT.resolve("samples/odoo/policy.json")), r.stdout());
    assertEquals(0, r.exit());
  }

  @Test
  void aFullDiskOnStandardOutputIsExitTwo() throws Exception {
    Process p = new ProcessBuilder(ROOT.resolve("mcppolicy").toString(), "compile", "samples/odoo/policy.mcppolicy")
        .directory(ROOT.toFile()).redirectOutput(new java.io.File("/dev/full")).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor(), err);
    assertTrue(err.contains("cannot write to standard output"), err);
  }

  @Test
  void theJitInlinesLessThanByDefault() throws Exception {
    // JAVA_TOOL_OPTIONS reaches the JVM the launcher starts; the flags print on stdout
    Result r = run(Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal"), "--version");

    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stdout().matches("(?s).*\\bInlineSmallCode\\s+= 500\\b.*"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*\\bFreqInlineSize\\s+= 150\\b.*"), r.stdout());
  }

  @Test
  void javaOptionsCanBeReplaced() throws Exception {
    // an option the launcher does not pass by default, visible in what the JVM prints
    Result r = run(Map.of("MCPPOLICY_JAVA_OPTS", "-XX:+UseSerialGC -Xlog:gc:stderr"),
        "check", "samples/odoo/policy.mcppolicy");

    assertEquals(0, r.exit());
    assertEquals(true, r.stderr().contains("Using Serial"), r.stderr());
  }

  @Test
  void temporaryFilesGoWhereTmpdirSays(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // longer than the sort budget and backwards: sorting it needs temporary files
    StringBuilder trace = new StringBuilder();
    for (int i = dev.mcppolicy.trace.Replayer.Options.SORT_BUDGET + 10; i >= 0; i--) {
      trace.append("{\"ts\": \"").append(java.time.Instant.parse("2026-11-21T00:00:00Z").plusSeconds(i))
          .append("\", \"grant\": \"ci\", \"tool\": \"odoo_read\"}\n");
    }
    Path file = Files.writeString(dir.resolve("long.trace.jsonl"), trace);
    Path missing = dir.resolve("no-such-tmp");

    Result r = run(Map.of("TMPDIR", missing.toString()), "replay", "--policy", "samples/odoo/policy.mcppolicy",
        file.toString());

    assertEquals(2, r.exit(), r.stderr());
    assertTrue(r.stderr().contains("sorting it needs temporary files in " + missing + ": no such file or folder"),
        r.stderr());
  }

  @Test
  void jsonLinesWithoutATemporaryFolderIsExitTwo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path trace = Files.writeString(dir.resolve("t.trace.jsonl"),
        "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"odoo_read\"}\n");
    Path missing = dir.resolve("no-such-tmp");
    Result r = run(Map.of("TMPDIR", missing.toString()), "replay", "--policy", "samples/odoo/policy.mcppolicy",
        trace.toString(), "--format", "jsonl");
    assertEquals(2, r.exit(), r.stderr());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("mcppolicy: --format jsonl gathers its lines in a temporary file in " + missing
        + ": no such file or folder"), r.stderr());
  }

  @Test
  void aClassDataArchiveIsMadeOnceAndRemadeWhenTheJarChanges() throws Exception {
    Path archive = ROOT.resolve("cli/target/mcppolicy.jsa");
    Path jar = ROOT.resolve("cli/target/mcppolicy.jar");
    run(Map.of(), "--version");
    assertTrue(Files.size(archive) > 1_000_000, "the archive holds the classes a run loads");
    assertTrue(Files.readString(ROOT.resolve("cli/target/mcppolicy.jsa.java")).contains("java"));

    // older than the jar: made again
    Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    Result r = run(Map.of(), "compile", "samples/odoo/policy.mcppolicy");
    assertEquals(Files.readString(ROOT.resolve("samples/odoo/policy.json")), r.stdout());
    assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0);

    // made for another build of the jar, though newer than it: the JVM cannot use it, and its
    // warning about that goes nowhere (by default the JVM would print it on stdout)
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
    Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Result stale = run(Map.of(), "compile", "samples/odoo/policy.mcppolicy");
    assertEquals(0, stale.exit());
    assertEquals("", stale.stderr());
    assertEquals(Files.readString(ROOT.resolve("samples/odoo/policy.json")), stale.stdout());

    // unusable (here: not an archive at all): the JVM runs without it, and says nothing
    Files.delete(archive);
    Files.writeString(archive, "not an archive");
    Result broken = run(Map.of(), "compile", "samples/odoo/policy.mcppolicy");
    assertEquals(0, broken.exit());
    assertEquals("", broken.stderr());
    assertEquals(Files.readString(ROOT.resolve("samples/odoo/policy.json")), broken.stdout());
    Files.delete(archive); // the next run makes a good one again
  }

  /**
   * What a new user does, on a copy of the repository with nothing beside it: the
   * README's first command builds the command line and passes; the launcher then works through a
   * symbolic link from another folder, and rebuilds once the sources are newer than the jar.
   */
  @Test
  void aFreshCopyWithNothingBesideItBuildsAndRunsTheReadmesFirstCommand(@TempDir Path tmp) throws Exception {
    Path copy = copyOfRepository(tmp.resolve("clone"));
    assertEquals(List.of("clone"), names(tmp), "nothing beside the copy");

    Result first = run(copy, copy.resolve("mcppolicy"), Map.of(), "verify", "samples/odoo");
    assertEquals(0, first.exit(), first.stderr());
    assertTrue(first.stderr().contains("building the command line (first use"), first.stderr());
    // the policy's tests, the proposed change's test (the diff example's NEW side), the workday and
    // the daily budgets traces
    assertEquals(4, first.stdout().lines().filter(l -> l.startsWith("PASS ")).count(), first.stdout());

    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("mcppolicy"), copy.resolve("mcppolicy"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Result linked = run(elsewhere, link, Map.of(), "compile", copy.resolve("samples/odoo/policy.mcppolicy").toString());
    assertEquals(0, linked.exit(), linked.stderr());
    assertEquals("", linked.stderr(), "no build: the jar of the repository the link leads to is up to date");
    assertEquals(Files.readString(copy.resolve("samples/odoo/policy.json")), linked.stdout());
    assertEquals(List.of(), names(bin).stream().filter(n -> !n.equals("mcppolicy")).toList(), "nothing built beside the link");

    Path source = copy.resolve("cli/src/main/java/dev/mcppolicy/cli/Version.java");
    Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    Result pulled = run(elsewhere, link, Map.of(), "--version");
    assertEquals(0, pulled.exit(), pulled.stderr());
    assertTrue(pulled.stderr().contains("building the command line (the sources changed since the last build)"),
        pulled.stderr());
  }

  /** The repository's files as git sees them (tracked, and untracked but not ignored), copied as they are now. */
  private static Path copyOfRepository(Path copy) throws Exception {
    Process ls = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        .directory(ROOT.toFile()).start();
    String listing = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, ls.waitFor(), "git ls-files");
    for (String name : listing.split("\0")) {
      Path from = ROOT.resolve(name);
      if (name.isEmpty() || !Files.isRegularFile(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue; // deleted in the working tree, or a link
      }
      Path to = copy.resolve(name);
      Files.createDirectories(to.getParent());
      Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    return copy;
  }

  private static List<String> names(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return run(ROOT, ROOT.resolve("mcppolicy"), env, args);
  }

  private static Result run(Path workingDirectory, Path launcher, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
    pb.environment().remove("MCPPOLICY_JAVA_OPTS");
    pb.environment().remove("MCPPOLICY_REBUILD");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    drain.join();
    return new Result(exit, out, err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
