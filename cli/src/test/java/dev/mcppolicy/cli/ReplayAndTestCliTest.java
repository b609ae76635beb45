package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay, test and verify as a user runs them (docs/cli.md and docs/traces.md). */
class ReplayAndTestCliTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  Path policy;
  Path trace;

  static final String POLICY = """
      policy "demo"
      default deny
      tool oca_link limit 2/minute per grant
      test "capped" {
        grant "ci"
        at "2026-11-21T10:00:00Z"
        call oca_link x 2 expect allow
        call oca_link expect deny rule "/tools/oca_link/limits/oca_link_rate"
      }
      """;

  static final String TRACE = """
      {"trace": {"version": 1, "grant": "ci"}}
      {"ts": "2026-11-21T10:00:00Z", "tool": "oca_link", "expect": "allow"}
      {"ts": "2026-11-21T10:00:01Z", "tool": "oca_link", "expect": "allow"}
      {"ts": "2026-11-21T10:00:02Z", "tool": "oca_link", "expect": {"decision": "deny", "rule": "/tools/oca_link/limits/oca_link_rate"}}
      {"ts": "2026-11-21T10:00:03Z", "tool": "odoo_unlink", "expect": {"decision": "deny", "rule": "(default deny)"}}
      """;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    policy = Files.writeString(dir.resolve("policy.mcppolicy"), POLICY);
    trace = Files.writeString(Files.createDirectories(dir.resolve("traces")).resolve("day.trace.jsonl"), TRACE);
  }

  @Test
  void replayPassesAndSummarises() {
    Run r = run("replay", "--policy", policy.toString(), trace.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out(), "text output lists failures only");
    assertTrue(r.err().contains("4 calls: 2 allowed, 2 denied; 4 expectations, 0 failed"), r.err());
  }

  /**
   * The first trace is opened while the policy compiles (docs/performance.md): whatever happens to
   * the policy, the answer is the one a replay that opened it afterwards would give.
   */
  @Test
  void theFirstTraceOpenedWhileThePolicyCompilesChangesNoAnswer() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.mcppolicy"), "policy \"x\"\ntool oca_link limit 2/fortnight\n");
    Run bad = run("replay", "--policy", broken.toString(), trace.toString());
    assertEquals(1, bad.code(), bad.err());
    assertTrue(bad.err().contains("has errors; nothing was replayed"), bad.err());
    Run missingPolicy = run("replay", "--policy", dir.resolve("nope.mcppolicy").toString(), trace.toString());
    assertEquals(2, missingPolicy.code(), missingPolicy.err());

    Path second = Files.writeString(dir.resolve("traces/second.trace.jsonl"), TRACE);
    Run two = run("replay", "--policy", policy.toString(), trace.toString(), second.toString());
    assertEquals(0, two.code(), two.err());
    assertEquals(2, two.err().split("4 calls: 2 allowed, 2 denied; 4 expectations, 0 failed", -1).length - 1, two.err());

    Path unsorted = Files.writeString(dir.resolve("traces/unsorted.trace.jsonl"), TRACE.replace(
        "{\"ts\": \"2026-11-21T10:00:03Z\"", "{\"ts\": \"2026-11-21T09:59:59Z\""));
    Run sorted = run("replay", "--policy", policy.toString(), unsorted.toString(), trace.toString());
    assertEquals(0, sorted.code(), sorted.out() + sorted.err());
    assertTrue(sorted.err().contains("unsorted.trace.jsonl: warning: line 5 is earlier than the line before it"), sorted.err());
    assertEquals(2, sorted.err().split("4 calls: 2 allowed, 2 denied; 4 expectations, 0 failed", -1).length - 1, sorted.err());
  }

  @Test
  void aWrongExpectationFailsReplayTestAndVerifyWithItsLine() throws Exception {
    Files.writeString(trace, TRACE.replace("\"tool\": \"oca_link\", \"expect\": {\"decision\": \"deny\"", "\"tool\": \"oca_link\", \"expect\": {\"decision\": \"allow\""));
    Run replay = run("replay", "--policy", policy.toString(), trace.toString());
    assertEquals(1, replay.code());
    String where = dir.relativize(trace).toString();
    assertTrue(replay.out().contains("day.trace.jsonl:4: expected allow, got deny"), replay.out());
    assertTrue(replay.out().contains("    rule: /tools/oca_link/limits/oca_link_rate\n    source: " + Names.of(policy) + ":3:15\n"),
        replay.out());
    assertTrue(replay.out().contains("    message: Rate limit of 2 per minute reached. Try again later. (counter oca_link_rate)"), replay.out());
    assertTrue(replay.out().contains("    counter: oca_link_rate = 2/2 per minute in [2026-11-21T10:00:00Z, 2026-11-21T10:01:00Z)"), replay.out());
    Run test = run("test", dir.toString());
    assertEquals(1, test.code(), test.err());
    String shown = Names.of(trace);
    assertTrue(test.out().contains("FAIL " + shown + ": 1 of 4 expectations failed\n" + shown + ":4: expected allow, got deny\n"
        + "    call: oca_link at 2026-11-21T10:00:02Z, grant \"ci\"\n"), test.out());
    assertTrue(test.out().endsWith("2 suites (5 cases): 1 passed, 1 failed\n"), test.out());
    assertTrue(where.endsWith("day.trace.jsonl"));
    Run verify = run("verify", dir.toString());
    assertEquals(1, verify.code());
    assertTrue(verify.out().contains("day.trace.jsonl:4: expected allow, got deny"), verify.out());
  }

  /**
   * Every report of a decision against a .mcppolicy names the deciding rule's source line: verbose
   * text, JSON lines (a {@code source} member), JUnit failures; a policy.json has no source to name.
   */
  @Test
  void aDecisionAgainstASourceNamesItsLine() throws Exception {
    String shown = Names.of(policy);
    Run verbose = run("replay", "--verbose", "--policy", policy.toString(), trace.toString());
    assertEquals(0, verbose.code(), verbose.err());
    assertTrue(verbose.out().contains(": deny oca_link (grant ci) rule /tools/oca_link/limits/oca_link_rate at " + shown + ":3:15\n"),
        verbose.out());
    assertTrue(verbose.out().contains(": deny odoo_unlink (grant ci) rule (default deny) at " + shown + ":2:1\n"), verbose.out());
    Run jsonl = run("replay", "--format", "jsonl", "--policy", policy.toString(), trace.toString());
    List<String> lines = jsonl.out().lines().toList();
    assertTrue(lines.get(2).contains("\"rule\":\"/tools/oca_link/limits/oca_link_rate\",\"source\":\"" + shown + ":3:15\","), lines.get(2));
    assertFalse(lines.get(0).contains("\"source\""), "an allow has no rule and no source: " + lines.get(0));
    Path json = dir.resolve("policy.json");
    assertEquals(0, run("compile", policy.toString(), "-o", json.toString()).code());
    Run fromJson = run("replay", "--format", "jsonl", "--policy", json.toString(), trace.toString());
    assertFalse(fromJson.out().contains("\"source\""), fromJson.out());
  }

  /** {@code compile --source-map} writes each part's origin; it never overwrites an input or the document. */
  @Test
  void compileWritesTheSourceMapBesideTheDocument() throws Exception {
    Path map = dir.resolve("policy.map.json");
    Run r = run("compile", policy.toString(), "--source-map", map.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("{"), "the document still goes to stdout");
    String written = Files.readString(map);
    assertTrue(written.contains("\"/tools/oca_link/limits/oca_link_rate\": {\n    \"file\": \"" + Names.of(policy) + "\",\n    \"line\": 3,"),
        written);
    Run onInput = run("compile", policy.toString(), "--source-map", policy.toString());
    assertEquals(2, onInput.code());
    assertTrue(onInput.err().contains("refusing to write"), onInput.err());
    Path same = dir.resolve("same.json");
    Run both = run("compile", policy.toString(), "-o", same.toString(), "--source-map", same.toString());
    assertEquals(2, both.code());
    assertFalse(Files.exists(same), "nothing written");
  }

  @Test
  void aFailingTestStepNamesItsFileLineAndColumn() throws Exception {
    Files.writeString(policy, POLICY.replace("call oca_link x 2 expect allow", "call oca_link x 3 expect allow"));
    Run r = run("test", policy.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("policy.mcppolicy:7:3 (call 3 of 3): expected allow, got deny"), r.out());
    assertTrue(r.out().contains("FAIL "), r.out());
  }

  @Test
  void badTraceLinesAreExitTwoAndNothingIsWritten() throws Exception {
    Files.writeString(trace, TRACE + "{\"ts\": \"yesterday\", \"tool\": \"x\"}\n");
    Path out = dir.resolve("out.jsonl");
    Run r = run("replay", "--policy", policy.toString(), "--format", "jsonl", "--out", out.toString(), trace.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("day.trace.jsonl:6: 'ts' \"yesterday\" is not an RFC 3339 instant"), r.err());
    assertFalse(Files.exists(out), "nothing is written from a trace that could not be read");
    Run kept = run("replay", "--policy", policy.toString(), "--keep-going", "--format", "jsonl", "--out", out.toString(), trace.toString());
    assertEquals(2, kept.code(), "--keep-going still ends non-zero");
    assertEquals(4, Files.readAllLines(out).size());
  }

  @Test
  void jsonlHasOneObjectPerCall() throws Exception {
    Run r = run("replay", "--policy", policy.toString(), "--format", "jsonl", trace.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size());
    String trace = dir.relativize(this.trace).toString().replace('\\', '/');
    assertEquals("{\"trace\":\"" + Names.of(this.trace) + "\",\"line\":4,\"ts\":\"2026-11-21T10:00:02Z\",\"grant\":\"ci\","
        + "\"tool\":\"oca_link\",\"decision\":\"deny\",\"rule\":\"/tools/oca_link/limits/oca_link_rate\","
        + "\"source\":\"" + Names.of(policy) + ":3:15\","
        + "\"message\":\"Rate limit of 2 per minute reached. Try again later.\",\"counters\":[{\"counter\":\"oca_link_rate\","
        + "\"window\":\"minute\",\"max\":2,\"value\":2,\"from\":\"2026-11-21T10:00:00Z\"}],"
        + "\"expect\":{\"decision\":\"deny\",\"rule\":\"/tools/oca_link/limits/oca_link_rate\"},\"ok\":true}", lines.get(2));
    assertTrue(trace.endsWith("traces/day.trace.jsonl"));
  }

  @Test
  void junitIsValidXmlWithOneCasePerExpectation() throws Exception {
    Path out = dir.resolve("report.xml");
    Run r = run("replay", "--policy", policy.toString(), "--format", "junit", "--out", out.toString(), trace.toString());
    assertEquals(0, r.code(), r.err());
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
    assertEquals("testsuite", doc.getDocumentElement().getNodeName());
    assertEquals("4", doc.getDocumentElement().getAttribute("tests"));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(4, doc.getElementsByTagName("testcase").getLength());
  }

  @Test
  void testWritesJunitReports() throws Exception {
    Path reports = dir.resolve("reports");
    Run r = run("test", "--junit", reports.toString(), dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    try (Stream<Path> files = Files.list(reports)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(2, names.size(), names.toString());
      assertTrue(names.stream().allMatch(n -> n.startsWith("TEST-") && n.endsWith(".xml")), names.toString());
    }
  }

  @Test
  void updateExpectationsRewritesTheTrace() throws Exception {
    Files.writeString(trace, """
        {"trace": {"version": 1, "grant": "ci"}}
        # a comment stays
        {"ts": "2026-11-21T10:00:00Z", "tool": "oca_link", "arguments": {"n": 1.50}}
        {"ts": "2026-11-21T10:00:01Z", "tool": "nope", "expect": "allow"}
        """);
    Run r = run("replay", "--policy", policy.toString(), "--update-expectations", trace.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        {"trace": {"version": 1, "grant": "ci"}}
        # a comment stays
        {"ts": "2026-11-21T10:00:00Z", "tool": "oca_link", "arguments": {"n": 1.50}, "expect": "allow"}
        {"ts": "2026-11-21T10:00:01Z", "tool": "nope", "expect": {"decision": "deny", "rule": "(default deny)", "message": "Tool \\"nope\\" is not permitted by policy"}}
        """, Files.readString(trace));
    assertEquals(0, run("replay", "--policy", policy.toString(), trace.toString()).code());
  }

  @Test
  void aHandWrittenPolicyJsonIsValidatedWithPathAndLine() throws Exception {
    Path json = Files.writeString(dir.resolve("policy.json"), "{\n  \"version\": \"1\",\n  \"default\": \"deny\",\n  \"tool\": {}\n}\n");
    Run r = run("replay", "--policy", json.toString(), trace.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("policy.json:4:11: error[E601]: $.tool: unknown member 'tool'"), r.err());
    assertFalse(r.err().contains("calls:"), "nothing is replayed against a policy that did not load");
  }

  @Test
  void aPolicyWithErrorsIsExitOne() throws Exception {
    Files.writeString(policy, "default deny\ntool a limit 5/minutes\n");
    Run r = run("replay", "--color=never", "--policy", policy.toString(), trace.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("error[E302]"), r.err());
  }

  @Test
  void slidingWindowsAreAWhatIf() throws Exception {
    Files.writeString(trace, """
        {"ts": "2026-11-21T10:00:40Z", "grant": "ci", "tool": "oca_link", "expect": "allow"}
        {"ts": "2026-11-21T10:00:50Z", "grant": "ci", "tool": "oca_link", "expect": "allow"}
        {"ts": "2026-11-21T10:01:00Z", "grant": "ci", "tool": "oca_link", "expect": "allow"}
        """);
    assertEquals(0, run("replay", "--policy", policy.toString(), trace.toString()).code());
    assertEquals(1, run("replay", "--windows", "sliding", "--policy", policy.toString(), trace.toString()).code());
    assertEquals(2, run("replay", "--windows", "weekly", "--policy", policy.toString(), trace.toString()).code());
  }

  @Test
  void jsonRpcLogsReplay() throws Exception {
    Path log = Files.writeString(dir.resolve("mcp.log"), """
        {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "oca_link"}}
        {"jsonrpc": "2.0", "id": 1, "error": {"code": -1, "message": "down"}}
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "oca_link"}}
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "oca_link"}}
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "oca_link"}}
        """);
    Run r = run("replay", "--policy", policy.toString(), "--from", "jsonrpc", "--grant", "ci", "--start", "2026-11-21T10:00:00Z",
        "--format", "jsonl", log.toString());
    assertEquals(0, r.code(), r.err());
    List<String> decisions = r.out().lines().map(l -> l.replaceAll(".*\"decision\":\"([a-z]+)\".*", "$1")).toList();
    assertEquals(List.of("allow", "allow", "allow", "deny"), decisions, "the rpc_error gave its reservation back");
  }

  @Test
  void verifyOfAMissingFolderIsExitTwo() {
    Run r = run("verify", dir.resolve("nope").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no such folder"), r.err());
  }

  @Test
  void aTraceWithNoPolicyIsAnErrorNotSkipped() throws Exception {
    Files.writeString(dir.resolve("second.mcppolicy"), "default allow\n");
    Run r = run("test", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no policy to replay this trace against"), r.err());
  }

  /**
   * A trace longer than the sort budget, written backwards: it is sorted through temporary files.
   * Its expectations only hold in timestamp order (the limit denies the third call of each minute).
   */
  private Path longUnsortedTrace() throws Exception {
    int records = dev.mcppolicy.trace.Replayer.Options.SORT_BUDGET + 1000;
    StringBuilder text = new StringBuilder("{\"trace\": {\"version\": 1, \"grant\": \"ci\"}}\n");
    for (int i = records - 1; i >= 0; i--) {
      java.time.Instant at = java.time.Instant.parse("2026-11-21T00:00:00Z").plusSeconds(i * 20L);
      String expect = i % 3 == 2 ? "{\"decision\": \"deny\", \"rule\": \"/tools/oca_link/limits/oca_link_rate\"}" : "\"allow\"";
      text.append("{\"ts\": \"").append(at).append("\", \"tool\": \"oca_link\", \"expect\": ").append(expect).append("}\n");
    }
    return Files.writeString(dir.resolve("long.trace.jsonl"), text);
  }

  /** Replays {@code trace} with {@code java.io.tmpdir} (where the sort's runs go) set to {@code temp}. */
  private Run replayWithTemporaryFolder(Path temp, Path trace) {
    String saved = System.getProperty("java.io.tmpdir");
    try {
      System.setProperty("java.io.tmpdir", temp.toString());
      return run("replay", "--policy", policy.toString(), trace.toString());
    } finally {
      System.setProperty("java.io.tmpdir", saved);
    }
  }

  @Test
  void aLongUnsortedTraceIsSortedThroughTemporaryFilesThatAreThenDeleted() throws Exception {
    Path trace = longUnsortedTrace();
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Run r = replayWithTemporaryFolder(temp, trace);
    assertEquals(0, r.code(), r.err());
    int records = dev.mcppolicy.trace.Replayer.Options.SORT_BUDGET + 1000;
    assertTrue(r.err().contains("long.trace.jsonl: warning: line 3 is earlier than the line before it"), r.err());
    assertTrue(r.err().contains("long.trace.jsonl: " + records + " calls: "), r.err());
    assertTrue(r.err().contains("; " + records + " expectations, 0 failed"), r.err());
    try (var left = Files.list(temp)) {
      assertEquals(List.of(), left.toList(), "the temporary files are deleted");
    }
  }

  @Test
  void sortingWithoutATemporaryFolderIsAnInputProblemNotACrash() throws Exception {
    Path trace = longUnsortedTrace();
    Path missing = dir.resolve("no-such-tmp");
    Run r = replayWithTemporaryFolder(missing, trace);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("mcppolicy: cannot replay " + Names.of(trace) + ": sorting it needs temporary files in "
        + missing + ": no such file or folder"), r.err());
    assertEquals("", r.out());
    assertTrue(!r.err().contains("internal error") && !r.err().contains("at dev.mcppolicy"), r.err());
  }
}
