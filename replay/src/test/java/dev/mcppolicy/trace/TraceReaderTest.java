package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceReaderTest {
  @TempDir
  Path dir;

  static final String OK = "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\"}";

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\"", "t.jsonl:1: not valid JSON (column 57): Unexpected end-of-input: expected close marker for Object"),
        Arguments.of("[1]", "t.jsonl:1: a record is a JSON object, not a list"),
        Arguments.of("{\"grant\": \"g\", \"tool\": \"t\"}", "t.jsonl:1: 'ts' is missing"),
        Arguments.of("{\"ts\": 5, \"grant\": \"g\", \"tool\": \"t\"}", "t.jsonl:1: 'ts' must be a string, not a number"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00\", \"grant\": \"g\", \"tool\": \"t\"}",
            "t.jsonl:1: 'ts' \"2026-11-21T10:00:00\" is not an RFC 3339 instant with seconds, 0 to 9 fractional digits and a zone (Z or an offset)"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00.1234567891Z\", \"grant\": \"g\", \"tool\": \"t\"}",
            "t.jsonl:1: 'ts' \"2026-11-21T10:00:00.1234567891Z\" is not an RFC 3339 instant with seconds, 0 to 9 fractional digits and a zone (Z or an offset)"),
        Arguments.of("{\"ts\": \"2262-04-12T00:00:00Z\", \"grant\": \"g\", \"tool\": \"t\"}",
            "t.jsonl:1: 'ts' \"2262-04-12T00:00:00Z\" is outside the years 1700 to 2199, the instants a replay decides at"),
        Arguments.of("{\"ts\": \"1699-12-31T23:59:59.999+00:00\", \"grant\": \"g\", \"tool\": \"t\"}",
            "t.jsonl:1: 'ts' \"1699-12-31T23:59:59.999+00:00\" is outside the years 1700 to 2199, the instants a replay decides at"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"tool\": \"t\"}", "t.jsonl:1: 'grant' is missing (give it on the record or in a header line)"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\"}", "t.jsonl:1: 'tool' is missing"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": [1]}", "t.jsonl:1: 'arguments' must be an object, not a list"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"outcome\": \"boom\"}", "t.jsonl:1: 'outcome' must be \"ok\", \"tool_error\" or \"rpc_error\""),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"expcet\": \"allow\"}", "t.jsonl:1: unknown field 'expcet' (did you mean 'expect'?)"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"expect\": \"yes\"}", "t.jsonl:1: 'expect' must be \"allow\", \"deny\" or an object, not \"yes\""),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"expect\": {\"rules\": \"x\"}}", "t.jsonl:1: unknown field 'expect.rules' (decision, rule, message)"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {\"a\": " + "[".repeat(80) + "]}}",
            "t.jsonl:1: not valid JSON (column 140): the JSON is nested more than 64 levels deep"),
        Arguments.of("{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {\"a\": 1" + "0".repeat(300) + "}}",
            "t.jsonl:1: not valid JSON (column 381): a number is longer than 200 characters"),
        Arguments.of("{\"trace\": {\"version\": 2}}", "t.jsonl:1: unsupported trace version a number: this reader knows version 1"));
  }

  private List<Object> read(String text) throws Exception {
    Path file = Files.writeString(dir.resolve("t.jsonl"), text, StandardCharsets.UTF_8);
    List<Object> out = new ArrayList<>();
    try (TraceReader reader = TraceReader.open(file, "t.jsonl")) {
      for (TraceReader.Entry e = reader.next(); e != null; e = reader.next()) {
        out.add(e.problem() != null ? e.problem().toString() : e.record());
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badLines")
  void badRecordsNameTheirFileAndLine(String line, String message) throws Exception {
    assertEquals(message, read(line + "\n").get(0));
  }

  @Test
  void headerCommentsAndBlankLines() throws Exception {
    List<Object> entries = read("""
        {"trace": {"version": 1, "grant": "ci"}}
        # a comment

        {"ts": "2026-11-21T10:00:00.5+02:00", "tool": "t", "outcome": "rpc_error", "id": 7, "name": "first"}
        """);
    assertEquals(1, entries.size());
    TraceRecord r = (TraceRecord) entries.get(0);
    assertEquals(4, r.line());
    assertEquals("ci", r.call().grant());
    assertEquals(Instant.parse("2026-11-21T08:00:00.5Z"), r.call().at());
    assertEquals(Outcome.RPC_ERROR, r.call().outcome());
    assertEquals(Optional.of("7"), r.id());
  }

  @Test
  void anOverlongLineIsRefusedWithoutHoldingIt() throws Exception {
    List<Object> entries = read("{\"ts\": \"" + "x".repeat(TraceReader.MAX_LINE_LENGTH + 10) + "\"}\n" + OK + "\n");
    assertEquals("t.jsonl:1: the line is longer than 1048576 bytes", entries.get(0));
    assertTrue(entries.get(1) instanceof TraceRecord);
  }

  @Test
  void anArgumentStringAsLongAsALineCanBeIsSkippedWithoutMeasuringIt() throws Exception {
    // JsonReader.skip does not measure the strings of arguments no condition reads: it relies on this
    assertTrue(dev.mcppolicy.json.JsonReader.MAX_STRING_LENGTH >= TraceReader.MAX_LINE_LENGTH);
    String prefix = "{\"ts\": \"2026-11-21T08:00:00Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {\"body\": \"";
    String suffix = "\", \"model\": \"m\"}}";
    String line = prefix + "x".repeat(TraceReader.MAX_LINE_LENGTH - prefix.length() - suffix.length()) + suffix;
    Path file = Files.writeString(dir.resolve("long.jsonl"), line + "\n" + OK + "\n", StandardCharsets.UTF_8);
    try (RecordSource careful = TraceReader.open(file, "long.jsonl", java.util.Set.of("model"));
        RecordSource fast = ParallelTraceReader.open(file, "long.jsonl", java.util.Set.of("model"), null, 2,
            ParallelTraceReader.READ)) {
      for (RecordSource source : List.of(careful, fast)) {
        TraceRecord r = source.next().record();
        assertEquals("{model=JsonString[value=m]}",
            ((dev.mcppolicy.sim.Arguments.Known) r.call().arguments()).object().members().toString());
        assertTrue(source.next().record() != null);
      }
    }
  }

  @Test
  void invalidUtf8IsAProblemOfItsLine() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    byte[] good = (OK + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'{', '"', 't', 's', '"', ':', '"', (byte) 0xc3, '(', '"', '}', '\n'};
    byte[] all = new byte[bad.length + good.length];
    System.arraycopy(bad, 0, all, 0, bad.length);
    System.arraycopy(good, 0, all, bad.length, good.length);
    Files.write(file, all);
    try (TraceReader reader = TraceReader.open(file, "bad.jsonl")) {
      assertEquals("bad.jsonl:1: the line is not valid UTF-8 text", reader.next().problem().toString());
      assertTrue(reader.next().record() != null, "the next line is still read");
    }
  }

  private Replayer.Summary replay(String trace, Replayer.Options options, List<Integer> decidedLines) throws Exception {
    Path file = Files.writeString(dir.resolve("r.jsonl"), trace);
    var doc = PolicyJson.read("{\"version\": \"1\", \"default\": \"allow\", \"tools\": {}}").document().orElseThrow();
    return Replayer.replay(() -> TraceReader.open(file, "r.jsonl"), Simulator.of(doc, WindowMode.CALENDAR), options,
        new Replayer.Listener() {
          public void restart() {
            decidedLines.clear();
          }

          public void decided(TraceRecord r, dev.mcppolicy.sim.Decision d, List<String> m) {
            decidedLines.add(r.line());
          }
        });
  }

  @Test
  void anUnsortedTraceIsReplayedSortedWithAWarning() throws Exception {
    List<Integer> lines = new ArrayList<>();
    Replayer.Summary s = replay("""
        {"ts": "2026-11-21T10:00:02Z", "grant": "g", "tool": "a"}
        {"ts": "2026-11-21T10:00:03Z", "grant": "g", "tool": "b"}
        {"ts": "2026-11-21T10:00:01Z", "grant": "g", "tool": "c"}
        {"ts": "2026-11-21T10:00:03Z", "grant": "g", "tool": "d"}
        """, Replayer.Options.DEFAULT, lines);
    assertEquals(List.of(3, 1, 2, 4), lines, "sorted by instant; equal instants keep file order");
    assertEquals(List.of("line 3 is earlier than the line before it: the trace is not in timestamp order, "
        + "so it was replayed sorted"), s.warnings());
    assertEquals(4, s.calls());
  }

  @Test
  void aBadRecordStopsTheReplayUnlessKeepGoing() throws Exception {
    String trace = OK + "\n{\"ts\": \"soon\", \"grant\": \"g\", \"tool\": \"t\"}\n" + OK + "\n";
    List<Integer> lines = new ArrayList<>();
    Replayer.Summary stopped = replay(trace, Replayer.Options.DEFAULT, lines);
    assertEquals(1, stopped.problems().size());
    assertEquals(List.of(1), lines);
    lines.clear();
    Replayer.Summary kept = replay(trace, new Replayer.Options(true, false), lines);
    assertEquals(1, kept.problems().size());
    assertEquals(List.of(1, 3), lines);
    assertTrue(!kept.passed(), "a trace with a bad record never passes, even with --keep-going");
  }

  /** Seeded unsorted traces with many equal instants, replayed with sort budgets small and large. */
  static Stream<Arguments> sortBudgets() {
    return Stream.of(1, 2, 3, 7, 40, 1000).flatMap(budget ->
        Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(budget, seed)));
  }

  @ParameterizedTest(name = "budget {0}, seed {1}")
  @MethodSource("sortBudgets")
  @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a pass that never ends is a failure
  void sortingInPassesDecidesInTheSameOrderAsSortingInMemory(int budget, long seed) throws Exception {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder trace = new StringBuilder();
    List<long[]> expected = new ArrayList<>(); // {second, line}
    for (int line = 1; line <= 40; line++) {
      int second = random.nextInt(12); // 40 records over 12 instants: many ties
      trace.append(String.format(java.util.Locale.ROOT,
          "{\"ts\": \"2026-11-21T10:00:%02dZ\", \"grant\": \"g\", \"tool\": \"t%d\"}%n", second, line));
      expected.add(new long[] {second, line});
    }
    expected.sort(java.util.Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    List<Integer> lines = new ArrayList<>();

    Replayer.Summary s = replay(trace.toString(), new Replayer.Options(false, false, budget), lines);

    assertEquals(expected.stream().map(e -> (int) e[1]).toList(), lines);
    assertEquals(40, s.calls());
    assertTrue(!s.warnings().isEmpty());
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aBadRecordIsReportedOnceWhenSortingTakesSeveralPasses() throws Exception {
    String trace = """
        {"ts": "2026-11-21T10:00:05Z", "grant": "g", "tool": "a"}
        {"ts": "2026-11-21T10:00:04Z", "grant": "g", "tool": "b"}
        {"ts": "soon", "grant": "g", "tool": "c"}
        {"ts": "2026-11-21T10:00:03Z", "grant": "g", "tool": "d"}
        {"ts": "2026-11-21T10:00:02Z", "grant": "g", "tool": "e"}
        """;
    List<Integer> lines = new ArrayList<>();

    Replayer.Summary kept = replay(trace, new Replayer.Options(true, true, 1), lines);

    assertEquals(List.of(5, 4, 2, 1), lines);
    assertEquals(1, kept.problems().size());
    assertEquals(3, kept.problems().get(0).line());
    lines.clear();
    Replayer.Summary stopped = replay(trace, new Replayer.Options(false, true, 1), lines);
    assertEquals(List.of(), lines, "without --keep-going a bad record stops the replay before any decision");
    assertEquals(1, stopped.problems().size());
  }

  @Test
  void aSortBudgetBelowOneIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Replayer.Options(false, false, 0));
  }
}
