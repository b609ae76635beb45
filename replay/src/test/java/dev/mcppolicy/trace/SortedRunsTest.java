package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The external sort behind replaying an unsorted trace, and the codec of its temporary files. */
class SortedRunsTest {
  @TempDir
  Path temp;

  /** Records of every shape the codec must carry, on a few instants so that many tie. */
  private static TraceRecord record(Random random, int line) {
    Instant at = Instant.ofEpochSecond(1_795_000_000L + random.nextInt(6), random.nextInt(3) * 500_000_000);
    Arguments arguments = random.nextInt(4) == 0
        ? new Arguments.KeysOnly(Set.of("model", "ids", "k" + random.nextInt(3)))
        : Arguments.of(object(random, 0));
    Optional<Expectation> expect = switch (random.nextInt(4)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(new Expectation(Optional.of(Verdict.values()[random.nextInt(3)]), Optional.empty(), Optional.empty()));
      case 2 -> Optional.of(new Expectation(Optional.empty(), Optional.of("/tools/t/deny_if/0"), Optional.of("no")));
      default -> Optional.of(new Expectation(Optional.of(Verdict.DENY), Optional.of("args.x-eq"), Optional.of("")));
    };
    Optional<String> id = random.nextBoolean() ? Optional.of("id-" + line) : Optional.empty();
    Optional<String> name = random.nextInt(3) == 0 ? Optional.of(text(random)) : Optional.empty();
    return new TraceRecord(line, new Call("grant-" + random.nextInt(3), "tool_" + random.nextInt(5), arguments, at,
        Outcome.values()[random.nextInt(Outcome.values().length)]), expect, id, name);
  }

  private static JsonObject object(Random random, int depth) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      members.put(i == 0 ? "" : "key" + i + text(random), value(random, depth + 1));
    }
    return new JsonObject(members);
  }

  private static JsonValue value(Random random, int depth) {
    return switch (random.nextInt(depth < 3 ? 8 : 6)) {
      case 0 -> new JsonNull();
      case 1 -> new JsonBoolean(random.nextBoolean());
      case 2 -> new JsonNumber(List.of("0", "-12", "1.50", "1e400", "123456789012345678901234567890").get(random.nextInt(5)));
      case 3, 4, 5 -> new JsonString(text(random));
      case 6 -> {
        List<JsonValue> elements = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          elements.add(value(random, depth + 1));
        }
        yield new JsonArray(elements);
      }
      default -> object(random, depth);
    };
  }

  /** Strings ASCII, Latin-1, beyond, and with lone surrogates, which only UTF-16 units carry exactly. */
  private static String text(Random random) {
    return List.of("", "crm.lead", "caf\u00e9 \u00ff", "\u65e5\u672c", "\ud83d\ude00", "lone \ud800 high", "\udfff", "tab\tnl\n")
        .get(random.nextInt(8));
  }

  @Test
  void theCodecGivesBackEveryRecordEqualToWhatItWrote() throws IOException {
    Random random = new Random(7);
    for (int i = 1; i <= 2_000; i++) {
      SortedRuns.Keyed written = new SortedRuns.Keyed(record(random, i), random.nextLong());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      RecordCodec.write(new DataOutputStream(bytes), written);
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

      SortedRuns.Keyed read = RecordCodec.read(in);

      assertEquals(written, read);
      assertEquals(-1, in.read(), "the record's bytes are read to the end, no further");
    }
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> sizes() {
    return Stream.of(new int[] {1, 2}, new int[] {2, 2}, new int[] {3, 3}, new int[] {7, 2}, new int[] {50, 64},
        new int[] {400, 64}, new int[] {1000, 2}).map(s -> org.junit.jupiter.params.provider.Arguments.of(s[0], s[1]));
  }

  /** Budgets from one record up, fan-ins from 2 (a merge of merges of merges) up: the order of a stable in-memory sort. */
  @ParameterizedTest(name = "budget {0}, fan-in {1}")
  @MethodSource("sizes")
  void sortsAsAStableSortByInstant(int budget, int fanIn) throws IOException {
    Random random = new Random(budget * 31L + fanIn);
    List<TraceRecord> records = new ArrayList<>();
    for (int line = 1; line <= 400; line++) {
      records.add(record(random, line));
    }
    List<TraceRecord> expected = new ArrayList<>(records);
    expected.sort(Comparator.comparing(r -> r.call().at())); // List.sort is stable: ties keep file order

    List<TraceRecord> got = new ArrayList<>();
    try (SortedRuns runs = new SortedRuns(budget, fanIn, temp)) {
      for (TraceRecord r : records) {
        runs.add(r);
      }
      assertEquals(budget < records.size(), runs.spilled());
      SortedRuns.Cursor sorted = runs.sorted();
      for (TraceRecord r = sorted.next(); r != null; r = sorted.next()) {
        got.add(r);
      }
    }

    assertEquals(expected, got);
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.toList(), "close deletes the temporary files and their folder");
    }
  }

  @Test
  void aTraceThatFitsTheBudgetWritesNoFiles() throws IOException {
    try (SortedRuns runs = new SortedRuns(10, 2, temp)) {
      Random random = new Random(1);
      for (int line = 1; line <= 10; line++) {
        runs.add(record(random, line));
        try (Stream<Path> files = Files.list(temp)) {
          assertEquals(0, files.count());
        }
      }
      assertFalse(runs.spilled());
    }
  }

  @Test
  void recordsWithLargeArgumentsSpillBeforeTheRecordBudget() throws IOException {
    String large = "x".repeat(1 << 20);
    try (SortedRuns runs = new SortedRuns(1_000, 2, temp)) {
      for (int line = 1; line <= SortedRuns.BYTES / large.length() + 1; line++) {
        assertFalse(runs.spilled(), "spilled after " + (line - 1) + " records");
        runs.add(new TraceRecord(line, new Call("g", "t", Arguments.of(new JsonObject(Map.of("q", new JsonString(large)))),
            Instant.ofEpochSecond(100 - line), Outcome.OK), Optional.empty(), Optional.empty(), Optional.empty()));
      }
      assertTrue(runs.spilled(), "memory holds at most " + SortedRuns.BYTES + " bytes of records");
      SortedRuns.Cursor sorted = runs.sorted();
      assertEquals(SortedRuns.BYTES / large.length() + 1, sorted.next().line(), "the latest line has the earliest instant");
    }
  }

  @Test
  void aFolderThatCannotHoldTheRunsIsNamedInTheError() throws IOException {
    Path missing = temp.resolve("no-such-folder");
    try (SortedRuns runs = new SortedRuns(1, 2, missing)) {
      Random random = new Random(1);
      runs.add(record(random, 1));
      IOException e = assertThrows(IOException.class, () -> runs.add(record(random, 2)));
      assertEquals("sorting it needs temporary files in " + missing + ": no such file or folder", e.getMessage());
    }
    assertFalse(Files.exists(missing));
  }

  @Test
  void aRunCutShortBehindTheReplaysBackIsNamedInTheError() throws IOException {
    Random random = new Random(5);
    try (SortedRuns runs = new SortedRuns(3, 64, temp)) {
      for (int line = 1; line <= 10; line++) {
        runs.add(record(random, line));
      }
      SortedRuns.Cursor sorted = runs.sorted();
      Path folder;
      try (Stream<Path> folders = Files.list(temp)) {
        folder = folders.findFirst().orElseThrow();
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path run : files.toList()) {
          Files.write(run, new byte[0]); // emptied after the merge opened them
        }
      }
      IOException e = assertThrows(IOException.class, () -> {
        while (sorted.next() != null) {
          // read until the missing bytes are needed
        }
      });
      assertEquals("sorting it needs temporary files in " + folder + ": a file ended early", e.getMessage());
    }
  }

  @Test
  void closingBeforeReadingEverythingLeavesNothingBehind() throws IOException {
    Random random = new Random(3);
    SortedRuns runs = new SortedRuns(2, 2, temp);
    for (int line = 1; line <= 9; line++) {
      runs.add(record(random, line));
    }
    SortedRuns.Cursor sorted = runs.sorted();
    assertTrue(sorted.next() != null);
    runs.close();
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void budgetsAndFanInsBelowTheirMinimumAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SortedRuns(0, 2));
    assertThrows(IllegalArgumentException.class, () -> new SortedRuns(1, 1));
  }
}
