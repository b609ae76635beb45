package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * test and verify never pass by checking nothing (docs/cli.md, "How test and verify find their work"): they search every
 * subfolder, follow symbolic links inside the project, say what they searched when they find
 * nothing, and never read a file outside the project on a file's say-so.
 */
class NoSilentSkipTest {
  @TempDir
  Path dir;

  static final String POLICY = """
      default deny
      allow ping
      test "ping" {
        call ping expect allow
      }
      """;

  @BeforeEach
  void root() throws Exception {
    Files.createDirectories(dir.resolve("repo/.git"));
  }

  Path write(String path, String text) throws Exception {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  static CliTest.Run run(String... args) {
    return CliTest.run(args);
  }

  @Test
  void verifySearchesNestedFoldersAndABrokenPolicyFails() throws Exception {
    write("repo/policies/team-a/a.mcppolicy", POLICY);
    write("repo/policies/team-b/b.mcppolicy", "default deny\ntool ping limit 10/minutes\n");
    CliTest.Run r = run("verify", "--color=never", dir.resolve("repo/policies").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("b.mcppolicy:2:20: error[E302]: unknown window 'minutes'"), r.err());
    assertTrue(r.out().contains("PASS ") && r.out().contains("team-a/a.mcppolicy: 1 test"), r.out());
  }

  @Test
  void verifyOnTheRepositoryRootFindsEveryPolicy() throws Exception {
    write("repo/policies/team-a/a.mcppolicy", POLICY);
    CliTest.Run r = run("verify", dir.resolve("repo").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("1 suite (1 case): 1 passed, 0 failed"), r.out());
  }

  @Test
  void nothingToTestIsExitTwoAndSaysWhatWasSearched() throws Exception {
    Files.createDirectories(dir.resolve("repo/empty/sub"));
    for (String command : List.of("verify", "test")) {
      CliTest.Run r = run(command, dir.resolve("repo/empty").toString());
      assertEquals(2, r.code(), command + ": " + r.err());
      assertTrue(r.err().contains("mcppolicy: nothing to test: no test block and no trace with expectations under "),
          r.err());
      assertTrue(r.err().contains("(searched 2 folders, found 0 policies, 0 test files and 0 traces)"), r.err());
    }
  }

  @Test
  void aPolicyWithoutTestsIsNothingToTest() throws Exception {
    write("repo/p/p.mcppolicy", "default deny\nallow ping\n");
    CliTest.Run r = run("verify", dir.resolve("repo/p").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("found 1 policy, 0 test files and 0 traces"), r.err());
  }

  @Test
  void aRunPatternThatMatchesNothingIsExitTwo() throws Exception {
    write("repo/p/p.mcppolicy", POLICY);
    CliTest.Run r = run("test", "--run", "no-such-test", dir.resolve("repo/p").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("matches --run 'no-such-test'"), r.err());
  }

  @Test
  void symbolicallyLinkedPolicyFilesAndFoldersAreFollowed() throws Exception {
    write("repo/common/team-a/a.mcppolicy", POLICY);
    Path policies = Files.createDirectories(dir.resolve("repo/policies"));
    Files.createSymbolicLink(policies.resolve("team-a"), Path.of("../common/team-a"));
    Files.createDirectories(policies.resolve("team-c"));
    Files.createSymbolicLink(policies.resolve("team-c/c.mcppolicy"), Path.of("../../common/team-a/a.mcppolicy"));
    CliTest.Run r = run("verify", policies.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 suites (2 cases): 2 passed"), r.out());
  }

  @Test
  void aSymbolicLinkLoopIsReportedNotFollowed() throws Exception {
    write("repo/p/p.mcppolicy", POLICY);
    Files.createSymbolicLink(dir.resolve("repo/p/again"), Path.of("."));
    CliTest.Run r = run("verify", dir.resolve("repo/p").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("again: a symbolic link loop (it leads back to a folder above it); not followed"), r.err());
    assertTrue(r.out().contains("1 suite (1 case): 1 passed"), "the rest still runs: " + r.out());
  }

  @Test
  void aSourceFolderThatIsALinkLoopIsAnErrorNotASkip() throws Exception {
    write("repo/src/test/mcppolicy/odoo.trace.jsonl", "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\"}\n");
    Files.createDirectories(dir.resolve("repo/src/main"));
    Files.createSymbolicLink(dir.resolve("repo/src/main/mcppolicy"), Path.of("mcppolicy"));
    CliTest.Run r = run("verify", dir.resolve("repo").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("src/main/mcppolicy: a symbolic link that leads nowhere"), r.err());
    assertTrue(r.err().contains("odoo.trace.jsonl: no policy to replay this trace against"), r.err());
  }

  @Test
  void aLinkOutOfTheProjectIsReportedNotRead() throws Exception {
    write("outside/secret.mcppolicy", "default deny\nallow SECRET_TOKEN_abc123\n");
    write("repo/p/p.mcppolicy", POLICY);
    Files.createSymbolicLink(dir.resolve("repo/p/leak.mcppolicy"), dir.resolve("outside/secret.mcppolicy"));
    CliTest.Run r = run("verify", dir.resolve("repo/p").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("leak.mcppolicy: a symbolic link to "), r.err());
    assertTrue(r.err().contains(", outside the project root "), r.err());
    assertFalse((r.out() + r.err()).contains("SECRET_TOKEN"), r.err());
  }

  @Test
  void aTraceHeaderCannotMakeTheRunReadAFileOutsideTheProject() throws Exception {
    write("outside/passwd.mcppolicy", "root:x:0:0:SECRET_TOKEN_abc123:/root:/bin/bash\n");
    write("repo/p/p.mcppolicy", POLICY);
    write("repo/p/evil.trace.jsonl", "{\"trace\": {\"policy\": \"../../outside/passwd.mcppolicy\"}}\n"
        + "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"ping\", \"expect\": \"allow\"}\n");
    CliTest.Run r = run("test", "--color=never", dir.resolve("repo/p").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("evil.trace.jsonl: the policy \"../../outside/passwd.mcppolicy\" named by its header "
        + "cannot be read: it leaves the project root"), r.err());
    assertFalse((r.out() + r.err()).contains("SECRET_TOKEN"), r.err());
  }

  @Test
  void aTestCannotReplayAFileOutsideTheProject() throws Exception {
    write("outside/day.trace.jsonl", "{\"ts\": \"SECRET_TOKEN_abc123\"}\n");
    write("repo/p/p.mcppolicy", "default deny\nallow ping\ntest \"t\" {\n  replay \"../../outside/day.trace.jsonl\"\n}\n");
    CliTest.Run r = run("test", dir.resolve("repo/p").toString());
    assertEquals(2, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("cannot replay \"../../outside/day.trace.jsonl\": it leaves the project root"), r.out());
    assertFalse((r.out() + r.err()).contains("SECRET_TOKEN"), r.out());
  }

  @Test
  void suitesWhosePathsDifferOnlyBySlashAndDotWriteTwoReports() throws Exception {
    write("repo/p/p.mcppolicy", POLICY);
    String trace = "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"ping\", \"expect\": \"%s\"}\n";
    write("repo/p/traces/pg.monday.trace.jsonl", trace.formatted("allow"));
    write("repo/p/traces/pg/monday.trace.jsonl", trace.formatted("deny")); // fails
    Path reports = dir.resolve("reports");
    CliTest.Run r = run("test", "--junit", reports.toString(), dir.resolve("repo/p").toString());
    assertEquals(1, r.code(), r.err());
    try (Stream<Path> files = Files.list(reports)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(3, names.size(), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.endsWith("traces.pg%2Emonday%2Etrace.xml")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.endsWith("traces.pg.monday%2Etrace.xml")), names.toString());
    }
    try (Stream<Path> files = Files.list(reports)) {
      assertEquals(1, files.filter(f -> read(f).contains("<failure")).count(), "the failing suite's report survives");
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
