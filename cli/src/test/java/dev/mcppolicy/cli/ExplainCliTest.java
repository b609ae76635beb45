package dev.mcppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code mcppolicy explain}: golden outputs for each kind of step (a rule that decides, a limit
 * reached from an imported module, default deny, an allow past every step, JSON), and bad input
 * exits 2 with a located message. Regenerate the golden files with {@code -Dgolden.update=true}.
 */
class ExplainCliTest {
  static final Path DIR = Path.of("src/test/resources/explain");
  static final String POLICY = DIR.resolve("policy.mcppolicy").toString();
  static final String TRACE = DIR.resolve("day.trace.jsonl").toString();

  /** Each golden case: its file, and the arguments after {@code explain --policy POLICY}. */
  static final List<List<String>> CASES = List.of(
      List.of("deny-if-decides.txt", "--tool", "create_invoice", "--args", "{\"amount\": 9000, \"currency\": \"EUR\"}"),
      List.of("require-fails.txt", "--tool", "create_invoice", "--args", "{\"currency\": \"EUR\"}"),
      List.of("allowed.txt", "--tool", "create_invoice", "--grant", "g", "--at", "2026-11-23T09:30:00Z",
          "--args", "{\"amount\": 10, \"currency\": \"USD\"}"),
      List.of("limit-from-a-module.txt", TRACE + ":5"),
      List.of("default-deny.json", TRACE + ":6", "--format", "json"),
      List.of("limit-from-a-module.json", TRACE + ":5", "--format", "json"));

  @TestFactory
  Stream<DynamicTest> goldenOutputs() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.get(0), () -> {
      List<String> args = new java.util.ArrayList<>(List.of("explain", "--policy", POLICY));
      args.addAll(c.subList(1, c.size()));
      CliTest.Run r = CliTest.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      assertEquals("", r.err());
      if (c.get(0).endsWith(".json")) {
        JsonReader.read(r.out()); // one JSON document
      }
      Path golden = DIR.resolve(c.get(0));
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out());
    }));
  }

  /** Bad input: exit 2 and a message that says what is wrong, never a stack trace. */
  @TestFactory
  Stream<DynamicTest> badInputIsExitTwo() {
    List<List<String>> cases = List.of(
        List.of("give either --tool TOOL or TRACE:LINE"),
        List.of("give either --tool TOOL or TRACE:LINE", "--tool", "x", TRACE + ":2"),
        List.of("expected TRACE:LINE with a line number from 1", TRACE),
        List.of("expected TRACE:LINE with a line number from 1", TRACE + ":0"),
        List.of("day.trace.jsonl:1: not a record of the trace", TRACE + ":1"),
        List.of("day.trace.jsonl:99: not a record of the trace", TRACE + ":99"),
        List.of("cannot read", DIR.resolve("missing.trace.jsonl") + ":3"),
        List.of("--args takes a JSON object", "--tool", "x", "--args", "[1]"),
        List.of("--args at column", "--tool", "x", "--args", "{\"a\": }"),
        List.of("--at takes an RFC 3339 instant", "--tool", "x", "--at", "tomorrow"),
        List.of("--grant describes a call given with --tool", TRACE + ":2", "--grant", "g"));
    return cases.stream().map(c -> DynamicTest.dynamicTest("explain " + String.join(" ", c.subList(1, c.size())), () -> {
      List<String> args = new java.util.ArrayList<>(List.of("explain", "--policy", POLICY));
      args.addAll(c.subList(1, c.size()));
      CliTest.Run r = CliTest.run(args.toArray(String[]::new));
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c.get(0)), r.err());
      assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }));
  }
}
