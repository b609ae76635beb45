package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel reader gives exactly the entries, in exactly the order, that the plain reader gives. */
class ParallelTraceReaderTest {
  @TempDir
  Path dir;

  /** Lines of every kind the readers meet: good records in all their shapes, and every kind of bad one. */
  private static final List<String> LINES = List.of(
      "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"t\"}",
      "{\"ts\": \"2026-11-21T10:00:00.123Z\", \"grant\": \"g2\", \"tool\": \"odoo_read\", \"arguments\": {\"model\": \"res.partner\", \"ids\": [1, 2], \"limit\": 80, \"context\": {\"lang\": \"en\"}}}",
      "{\"ts\": \"2026-11-21T11:00:00+02:00\", \"tool\": \"t\", \"arguments\": {\"query\": \"DROP table\", \"model\": null}}",
      "{\"tool\": \"t\", \"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"expect\": \"deny\", \"id\": 7, \"name\": \"n\"}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"expect\": {\"decision\": \"allow\", \"rule\": \"\", \"message\": \"m\"}, \"id\": \"x\"}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"outcome\": \"rpc_error\", \"argument_keys\": [\"model\", \"ids\"]}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {\"model\": \"a\", \"model\": \"b\"}}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {\"context\": 1, \"context\": 2}}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"grant\": \"h\", \"tool\": \"t\"}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"\", \"tool\": \"t\"}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {}, \"argument_keys\": []}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"expect\": {}}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"outcome\": 3}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"id\": true}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"name\": 1}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"argument_keys\": [1]}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": [1]}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"extra\": 1}",
      "{\"ts\": \"2026-13-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\"}",
      "{\"ts\": \"9999-12-31T23:59:59Z\", \"grant\": \"g\", \"tool\": \"t\"}",
      "{\"ts\": {\"a\": \"b\"}, \"grant\": \"g\", \"tool\": \"t\"}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\"} {}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\"}   \t",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\"",
      "{\"ts\": \"2026-11-21T10:00:01Z\",",
      "  \"grant\": \"g\", \"tool\": \"t\"}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"arguments\": {\"a\": " + "[".repeat(70) + "]".repeat(70) + "}}",
      "{\"trace\": {\"version\": 1, \"grant\": \"late\"}}",
      "[1, 2]",
      "\"text\"",
      "42",
      "nonsense",
      "",
      "   ",
      "\f",
      "# a comment",
      "  # an indented comment",
      "{}",
      "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"caf\u00e9\"}");

  private static final List<String> HEADERS = List.of("", "{\"trace\": {\"version\": 1, \"grant\": \"hg\"}}",
      "{\"trace\": {\"version\": 2}}", "{\"trace\": {}}", "# comment first\n\n{\"trace\": {\"grant\": \"hg\"}}",
      "{\"trace\": 1}");

  @Test
  void agreesWithThePlainReaderOnEveryKindOfLineAndChunkSize() throws IOException {
    Random random = new Random(42);
    for (int n = 0; n < 60; n++) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      String header = HEADERS.get(random.nextInt(HEADERS.size()));
      if (!header.isEmpty()) {
        text.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
      }
      int lines = random.nextInt(300);
      for (int i = 0; i < lines; i++) {
        int kind = random.nextInt(40);
        if (kind == 0) {
          text.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}); // malformed UTF-8
        } else if (kind == 1) {
          text.writeBytes(new byte[] {0, '{', 0, '}'}); // looks like UTF-16
        } else {
          text.writeBytes(LINES.get(random.nextInt(LINES.size())).getBytes(StandardCharsets.UTF_8));
        }
        text.writeBytes(random.nextInt(8) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      }
      if (random.nextBoolean()) {
        text.writeBytes(LINES.get(0).getBytes(StandardCharsets.UTF_8)); // a last line without a newline
      }
      Path file = Files.write(dir.resolve("t" + n + ".trace.jsonl"), text.toByteArray());
      Set<String> keep = random.nextBoolean() ? null : Set.of("model", "query", "ids");
      List<Object> expected = entries(TraceReader.open(file, "t.jsonl", keep));
      for (int read : new int[] {1, 7, 64, 1000, ParallelTraceReader.READ}) {
        for (int threads = 1; threads <= 3; threads++) {
          List<Object> actual = entries(ParallelTraceReader.open(file, "t.jsonl", keep, null, threads, read));
          assertEquals(expected, actual, "file " + n + ", chunks of " + read + " bytes, " + threads + " threads");
        }
      }
    }
  }

  @Test
  void decisionsPreparedOnTheDecoderThreadsAreTheDecisionsMadeInOnePlace() throws IOException {
    Path source = Files.writeString(dir.resolve("p.mcppolicy"), """
        policy "prepared"
        default deny
        hide secret
        all tools limit 4/minute per grant
        tool read {
          require args.model exists message "name it"
          deny if args.query matches "(?i)\\\\bdrop\\\\b"
          deny if args.limit > 500
          limit 3/minute
        }
        tool write limit 3/hour
        """);
    PolicyDocument policy = dev.mcppolicy.compiler.PolicyCompiler.compile(source,
        dev.mcppolicy.compiler.CompileOptions.defaults().withRoot(dir)).document().orElseThrow();
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    long second = 0;
    for (int i = 0; i < 5_000; i++) {
      second += random.nextInt(3);
      String tool = List.of("read", "write", "secret", "other").get(random.nextInt(4));
      String args = switch (random.nextInt(4)) {
        case 0 -> "{}";
        case 1 -> "{\"model\": \"m\", \"query\": \"DROP TABLE x\"}";
        case 2 -> "{\"model\": \"m\", \"limit\": " + random.nextInt(1000) + "}";
        default -> "{\"model\": \"m\", \"query\": \"select\"}";
      };
      text.append(String.format("{\"ts\": \"%s\", \"grant\": \"g%d\", \"tool\": \"%s\", \"arguments\": %s}%n",
          java.time.Instant.ofEpochSecond(1_800_000_000L + second), random.nextInt(3), tool, args));
    }
    Path file = Files.writeString(dir.resolve("decide.trace.jsonl"), text);
    List<String> plain = decisions(policy, s -> TraceReader.open(file, "t.jsonl"));
    assertEquals(5_000, plain.size());
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    plain.forEach(d -> kinds.add(d.replaceAll("^[0-9]+ ", "").replaceAll(" \\[.*", "")));
    assertEquals(9, kinds.size(), () -> String.join("\n", kinds));
    for (int threads = 1; threads <= 2; threads++) {
      int t = threads;
      assertEquals(plain, decisions(policy, s -> ParallelTraceReader.open(file, "t.jsonl", s.argumentKeys(),
          java.util.concurrent.CompletableFuture.completedFuture(Replayer.preparing(s)), t, 4096)));
    }
    // opened before the simulator exists: the first chunks are decoded without it, the rest with it
    int[] prepared = new int[2];
    assertEquals(plain, decisions(policy, s -> {
      var later = new java.util.concurrent.CompletableFuture<Stage>();
      RecordSource early = ParallelTraceReader.open(file, "t.jsonl", null, later, 2, 4096);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      later.complete(Replayer.preparing(s));
      return counting(early, prepared);
    }));
    assertTrue(prepared[0] > 0 && prepared[1] > 0, () -> prepared[0] + " decided in full, " + prepared[1] + " prepared");
    // told that its decisions will not be used (as a sort does): the chunks decoded after that
    // prepare none, and every decision is still the same
    int[] told = new int[2];
    assertEquals(plain, decisions(policy, s -> {
      RecordSource sorting = ParallelTraceReader.open(file, "t.jsonl", s.argumentKeys(),
          java.util.concurrent.CompletableFuture.completedFuture(Replayer.preparing(s)), 2, 4096);
      sorting.withoutStage();
      return counting(sorting, told);
    }));
    assertTrue(told[0] > 4_000, () -> told[0] + " decided in full, " + told[1] + " prepared");
  }

  /** The source, counting the records it hands out without a prepared decision ([0]) and with one ([1]). */
  private static RecordSource counting(RecordSource source, int[] prepared) {
    return new RecordSource() {
      @Override
      public TraceReader.Entry next() throws IOException {
        TraceReader.Entry e = source.next();
        if (e != null && e.record() != null) {
          prepared[e.staged() == null ? 0 : 1]++;
        }
        return e;
      }

      @Override
      public boolean readsAhead() {
        return true;
      }

      @Override
      public void close() throws IOException {
        source.close();
      }
    };
  }

  private interface SimulatorOpener {
    RecordSource open(Simulator simulator) throws IOException;
  }

  /** Each decision of a replay from fresh counters, as text with its line and counters. */
  private static List<String> decisions(PolicyDocument policy, SimulatorOpener opener) throws IOException {
    Simulator simulator = Simulator.of(policy, WindowMode.SLIDING);
    List<String> out = new ArrayList<>();
    Replayer.replay(() -> opener.open(simulator), simulator, Replayer.Options.DEFAULT, (r, d, mismatches) ->
        out.add(r.line() + " " + d + " " + d.counters()));
    return out;
  }

  @Test
  void aLineLongerThanTheLimitIsOneProblemWhereverItFalls() throws IOException {
    String ok = LINES.get(0);
    String longLine = "{\"ts\": \"" + "x".repeat(TraceReader.MAX_LINE_LENGTH) + "\"}";
    String longer = "x".repeat(3 * TraceReader.MAX_LINE_LENGTH);
    Path file = Files.writeString(dir.resolve("long.trace.jsonl"),
        ok + "\n" + longLine + "\n" + ok + "\n" + longer + "\n" + ok + "\n" + longer, StandardCharsets.UTF_8);
    List<Object> expected = entries(TraceReader.open(file, "t.jsonl", null));
    assertEquals(List.of("t.jsonl:2: the line is longer than 1048576 bytes", "t.jsonl:4: the line is longer than 1048576 bytes",
        "t.jsonl:6: the line is longer than 1048576 bytes"), expected.stream().filter(String.class::isInstance).toList());
    for (int read : new int[] {100, ParallelTraceReader.READ}) {
      assertEquals(expected, entries(ParallelTraceReader.open(file, "t.jsonl", null, null, 2, read)));
    }
  }

  /**
   * Chunk buffers start small and grow for long lines: lines of every length up to the limit,
   * in any order, read as the plain reader reads them, wherever chunks fall.
   */
  @Test
  void linesUpToTheLimitAreReadWholeAsBuffersGrowForThem() throws IOException {
    String ok = LINES.get(0);
    StringBuilder text = new StringBuilder();
    int[] lengths = {TraceReader.MAX_LINE_LENGTH, 300_000, TraceReader.MAX_LINE_LENGTH - 1, 20_000, 140_000,
        TraceReader.MAX_LINE_LENGTH, 17_000};
    for (int length : lengths) {
      String prefix = "{\"ts\": \"2026-11-21T10:00:01Z\", \"grant\": \"g\", \"tool\": \"t\", \"name\": \"";
      text.append(ok).append('\n').append(prefix).append("x".repeat(length - prefix.length() - 2)).append("\"}\n");
    }
    text.append(ok).append('\n');
    Path file = Files.writeString(dir.resolve("longish.trace.jsonl"), text, StandardCharsets.UTF_8);
    List<Object> expected = entries(TraceReader.open(file, "t.jsonl", null));
    assertEquals(2 * lengths.length + 1, expected.stream().filter(TraceRecord.class::isInstance).count(), "every line is a record");
    for (int read : new int[] {100, 4096, ParallelTraceReader.READ}) {
      assertEquals(expected, entries(ParallelTraceReader.open(file, "t.jsonl", null, null, 2, read)), "chunks of " + read);
    }
  }

  @Test
  void aTraceThatStartsWithMoreBlankLinesThanAChunkIsReadLineByLine() throws IOException {
    Path file = Files.writeString(dir.resolve("blank.trace.jsonl"),
        "\n".repeat(500) + "{\"trace\": {\"grant\": \"hg\"}}\n{\"ts\": \"2026-11-21T10:00:00Z\", \"tool\": \"t\"}\n");
    RecordSource source = ParallelTraceReader.open(file, "t.jsonl", null, null, 2, 64);
    assertFalse(source.readsAhead());
    assertEquals(entries(TraceReader.open(file, "t.jsonl", null)), entries(source));
    RecordSource parallel = ParallelTraceReader.open(file, "t.jsonl", null, null, 2, 4096);
    assertTrue(parallel.readsAhead());
    List<Object> read = entries(parallel);
    assertEquals(1, read.size());
    assertEquals("hg", ((TraceRecord) read.get(0)).call().grant());
  }

  @Test
  void closingEarlyStopsEveryThread() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      text.append(LINES.get(1)).append('\n');
    }
    Path file = Files.writeString(dir.resolve("big.trace.jsonl"), text);
    for (int i = 0; i < 20; i++) {
      try (RecordSource source = ParallelTraceReader.open(file, "t.jsonl", null, null, 2, 1024)) {
        assertTrue(source.next() != null);
      }
    }
    Thread.getAllStackTraces().keySet().forEach(t ->
        assertFalse(t.getName().startsWith("mcppolicy-trace-splitter") && t.isAlive() && waitFor(t), t.getName() + " still runs"));
  }

  private static boolean waitFor(Thread t) {
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return t.isAlive();
  }

  private static List<Object> entries(RecordSource source) throws IOException {
    List<Object> out = new ArrayList<>();
    try (source) {
      for (TraceReader.Entry e = source.next(); e != null; e = source.next()) {
        out.add(e.problem() != null ? e.problem().toString() : e.record());
      }
    }
    return out;
  }
}
