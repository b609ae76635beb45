package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcppolicy diff} from the command line: formats, --fail-on, --out, and bad input. */
class DiffCliTest {
  @TempDir
  Path dir;

  Path old;
  Path now;
  Path trace;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    old = Files.writeString(dir.resolve("old.mcppolicy"), "default deny\nallow a\ntool a limit 1/minute\n");
    now = Files.writeString(dir.resolve("new.mcppolicy"), "default deny\nallow a\ntool a limit 2/minute\n");
    trace = Files.writeString(dir.resolve("t.trace.jsonl"), "{\"trace\": {\"version\": 1, \"grant\": \"g\"}}\n"
        + "{\"ts\": \"2026-11-23T09:00:00Z\", \"tool\": \"a\"}\n{\"ts\": \"2026-11-23T09:00:01Z\", \"tool\": \"a\"}\n");
  }

  @Test
  void textShowsThePlanAndTheFlips() {
    CliTest.Run r = CliTest.run("diff", old.toString(), now.toString(), "--traces", trace.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[permissive]  a limit: 1/minute as a_rate -> 2/minute as a_rate"), r.out());
    assertTrue(r.out().contains("Plan: 1 change to 1 tool: 1 permissive, 0 restrictive, 0 changed.\n"), r.out());
    assertTrue(r.out().contains("Traffic: 2 calls, 1 flip: 0 allow -> deny, 1 deny -> allow; by cause: limit 1\n"), r.out());
    assertTrue(r.out().contains(":3 2026-11-23T09:00:01Z grant \"g\" a: deny by /tools/a/limits/a_rate at "), r.out());
  }

  @Test
  void jsonLinesAreChangesThenFlipsThenTheSummary() throws Exception {
    CliTest.Run r = CliTest.run("diff", old.toString(), now.toString(), "--traces", trace.toString(), "--format", "jsonl");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("{\"change\":{\"tool\":\"a\",\"kind\":\"limit\",\"class\":\"permissive\""), lines.get(0));
    JsonObject flip = (JsonObject) ((JsonObject) JsonReader.read(lines.get(1)).root()).get("flip");
    assertEquals("limit", ((dev.mcppolicy.json.JsonString) flip.get("cause")).value());
    assertEquals("3", ((dev.mcppolicy.json.JsonNumber) flip.get("line")).text());
    assertTrue(lines.get(2).startsWith("{\"summary\":{\"calls\":2,\"flips\":1,\"allow_to_deny\":0,\"deny_to_allow\":1,"), lines.get(2));
  }

  @Test
  void markdownIsATableForAPullRequest() throws Exception {
    Path out = dir.resolve("diff.md");
    CliTest.Run r = CliTest.run("diff", old.toString(), now.toString(), "--traces", trace.toString(), "--format", "markdown",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String md = Files.readString(out);
    assertTrue(md.startsWith("### mcppolicy diff\n\n| | permissive | restrictive | changed | tools |\n"), md);
    assertTrue(md.contains("| permissive | `a` | limit | `1/minute as a_rate` | `2/minute as a_rate` |"), md);
    assertTrue(md.contains("| limit |\n"), md);
  }

  @Test
  void failOnChoosesWhatFails() {
    assertEquals(1, CliTest.run("diff", old.toString(), now.toString(), "--fail-on", "permissive").code());
    assertEquals(0, CliTest.run("diff", now.toString(), old.toString(), "--fail-on", "permissive").code(), "restrictive only");
    assertEquals(1, CliTest.run("diff", now.toString(), old.toString(), "--traces", trace.toString(), "--fail-on", "flip").code());
    assertEquals(0, CliTest.run("diff", old.toString(), old.toString(), "--traces", trace.toString(), "--fail-on", "flip").code());
  }

  @Test
  void jsonRpcLogsAreTrafficToo() throws Exception {
    Path log = Files.writeString(dir.resolve("mcp.log"), """
        {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "a"}}
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "a"}}
        """);
    CliTest.Run r = CliTest.run("diff", old.toString(), now.toString(), "--traces", log.toString(), "--from", "jsonrpc",
        "--grant", "ci", "--start", "2026-11-21T10:00:00Z");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Traffic: 2 calls, 1 flip: 0 allow -> deny, 1 deny -> allow; by cause: limit 1\n"), r.out());
  }

  /** {@code git:REF:PATH}: the policy and the modules it imports as they were at a revision, read without a checkout. */
  @Test
  void aPolicyAtAGitRevision() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    git(repo, "init", "-q");
    Path policy = Files.writeString(repo.resolve("policy.mcppolicy"), "default deny\nimport \"limits.mcppolicy\"\nallow a\n");
    Files.writeString(repo.resolve("limits.mcppolicy"), "tool a limit 1/minute\n");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one");
    Files.writeString(repo.resolve("limits.mcppolicy"), "tool a limit 5/minute\n"); // changed in the working tree only
    CliTest.Run r = CliTest.run("diff", "git:HEAD:" + policy, policy.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[permissive]  a limit: 1/minute as a_rate -> 5/minute as a_rate"), r.out());
    CliTest.Run badRef = CliTest.run("diff", "git:no-such-ref:" + policy, policy.toString());
    assertEquals(2, badRef.code());
    assertTrue(badRef.err().contains("'no-such-ref' is not a revision"), badRef.err());
    CliTest.Run notGit = CliTest.run("diff", "git:HEAD", policy.toString());
    assertEquals(2, notGit.code());
    assertTrue(notGit.err().contains("is not git:REF:PATH"), notGit.err());
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  /**
   * A trace out of order is decided again, sorted: the flips found before the disorder are
   * forgotten, and each flip is reported once, in the order a sorted replay finds it.
   */
  @Test
  void aTraceOutOfOrderIsDiffedSortedAndItsFlipsCountedOnce() throws Exception {
    Path unsorted = Files.writeString(dir.resolve("u.trace.jsonl"), "{\"trace\": {\"version\": 1, \"grant\": \"g\"}}\n"
        + "{\"ts\": \"2026-11-23T09:00:00Z\", \"tool\": \"a\"}\n"
        + "{\"ts\": \"2026-11-23T09:00:01Z\", \"tool\": \"a\"}\n" // flips in file order, before the disorder is seen
        + "{\"ts\": \"2026-11-23T09:00:00.500Z\", \"tool\": \"a\"}\n");
    for (String format : List.of("jsonl", "markdown")) {
      CliTest.Run r = CliTest.run("diff", old.toString(), now.toString(), "--traces", unsorted.toString(), "--format", format);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("replayed sorted"), r.err());
      if (format.equals("jsonl")) {
        // sorted: line 2 allowed by both; line 4 the second call of the minute (old: its limit, new: allowed);
        // line 3 the third (denied by both limits, with their own messages)
        List<String> lines = r.out().lines().filter(l -> l.startsWith("{\"flip\"")).map(l -> l.replaceAll(".*\"line\":(\\d+),.*", "$1"))
            .toList();
        assertEquals(List.of("4", "3"), lines, r.out());
        assertTrue(r.out().contains("{\"summary\":{\"calls\":3,\"flips\":2,\"allow_to_deny\":0,\"deny_to_allow\":1,"), r.out());
      } else {
        assertEquals(2, r.out().lines().filter(l -> l.contains("u.trace.jsonl:")).count(), r.out());
      }
    }
  }

  @Test
  void samePolicyIsNoChange() {
    CliTest.Run r = CliTest.run("diff", old.toString(), old.toString(), "--traces", trace.toString());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("No changes: the two policies are the same, part for part.\nTraffic: 2 calls, 0 flips"), r.out());
  }

  @Test
  void badInputIsExitTwoAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("out.jsonl");
    Path broken = Files.writeString(dir.resolve("broken.mcppolicy"), "default deny\ntool a limit 1/minutes\n");
    Path badTrace = Files.writeString(dir.resolve("bad.trace.jsonl"), "{\"ts\": \"yesterday\", \"tool\": \"a\"}\n");
    for (List<String> args : List.of(
        List.of(old.toString(), dir.resolve("missing.mcppolicy").toString()),
        List.of(broken.toString(), now.toString()),
        List.of(old.toString(), now.toString(), "--traces", badTrace.toString()),
        List.of(old.toString(), now.toString(), "--traces", dir.resolve("missing.trace.jsonl").toString()))) {
      List<String> all = new java.util.ArrayList<>(List.of("diff"));
      all.addAll(args);
      all.addAll(List.of("--out", out.toString()));
      CliTest.Run r = CliTest.run(all.toArray(String[]::new));
      assertEquals(2, r.code(), args + ": " + r.err());
      assertFalse(Files.exists(out), "nothing written for " + args);
      assertFalse(r.err().contains("Exception"), r.err());
    }
    CliTest.Run badLine = CliTest.run("diff", old.toString(), now.toString(), "--traces", badTrace.toString());
    assertTrue(badLine.err().contains("bad.trace.jsonl:1: 'ts' \"yesterday\" is not an RFC 3339 instant"), badLine.err());
    CliTest.Run onInput = CliTest.run("diff", old.toString(), now.toString(), "--out", old.toString());
    assertEquals(2, onInput.code());
    assertTrue(onInput.err().contains("refusing to write"), onInput.err());
  }
}
