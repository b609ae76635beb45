package dev.mcppolicy.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reused parser for trace lines agrees with the careful reader on every line of every trace
 * in the repository, and declines every tricky line the careful reader refuses (the fuzz target
 * {@code FuzzTests#lineParser} does the same on arbitrary bytes).
 */
class LineParserTest {
  private static void agree(LineParser fast, String line, Set<String> keep) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    Map<String, JsonValue> quick = fast.object(bytes, 0, bytes.length, keep == null ? null : "arguments", keep);
    JsonValue careful;
    try {
      Map<String, JsonValue> fields = keep == null ? null : JsonReader.object(bytes, 0, bytes.length, "arguments", keep);
      careful = fields != null ? new JsonObject(fields) : JsonReader.value(bytes, 0, bytes.length);
    } catch (JsonReader.JsonSyntaxException e) {
      assertNull(quick, line);
      return;
    }
    if (quick != null) {
      assertEquals(careful, new JsonObject(quick), line);
    }
  }

  /**
   * Jackson's non-blocking parser reads the integer -0 as "0" (found by FuzzTests#lineParser): such
   * a line goes to the careful path, which keeps "-0"; a date's "-0" in a string does not.
   */
  @Test
  void theIntegerMinusZeroGoesToTheCarefulPath() {
    LineParser fast = new LineParser();
    for (String line : List.of("{\"\":-0}", "{\"a\": [1, -0]}", "{\"a\": -0 }", "{\"a\": -0.0}", "{\"a\": -0e1}",
        "{\"a\": \"2026-01-05\"}", "{\"arguments\": {\"a\": -0}}")) {
      agree(fast, line, null);
      agree(fast, line, Set.of("a"));
    }
    byte[] minusZero = "{\"a\": -0}".getBytes(StandardCharsets.UTF_8);
    assertNull(fast.object(minusZero, 0, minusZero.length, null, null));
    byte[] date = "{\"a\": \"2026-01-05\", \"b\": -0.5}".getBytes(StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertNotNull(fast.object(date, 0, date.length, null, null));
  }

  @Test
  void agreesOnEveryCommittedTraceLine() throws Exception {
    List<Path> traces = new ArrayList<>();
    for (String root : List.of("src/test/resources", "../replay/src/test/resources", "../samples", "../cli/src/test/resources")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        files.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".log")).forEach(traces::add);
      }
    }
    LineParser fast = new LineParser();
    int lines = 0;
    for (Path trace : traces) {
      for (String line : new String(Files.readAllBytes(trace), StandardCharsets.UTF_8).split("\n")) {
        if (line.strip().startsWith("{") && line.length() < 100_000) {
          agree(fast, line.strip(), null);
          agree(fast, line.strip(), Set.of("model", "a", "query"));
          lines++;
        }
      }
    }
    assertEquals(true, lines > 150, "lines compared: " + lines);
  }

  @Test
  void declinesWhatTheCarefulReaderRefuses() {
    LineParser fast = new LineParser();
    for (String bad : List.of("{\"a\": 1", "{\"a\": 1} x", "{\"a\": 1}{\"b\": 2}", "{\"a\": \"x", "{\"a\": 1,}",
        "{\"a\": 1, \"a\": 2}", "{\"arguments\": {\"q\": 1, \"q\": 2}}", "{\"a\": " + "1".repeat(201) + "}",
        "{\"arguments\": {\"skipped\": " + "9".repeat(201) + "}}", "{\"a\": [" + "[".repeat(70) + "]}",
        "{\"arguments\": {\"skipped\": " + "[".repeat(70) + "]" .repeat(70) + "}}", "{\"a\": tru}", "{\"a\": 01}",
        "[1]", "5", "{\"a\": \"\\q\"}", "{\"a\": NaN}", "{}1", "{} \"abc", "{}t", "{} -", "{}  1}", "{} \"x}")) {
      agree(fast, bad, null);
      agree(fast, bad, Set.of("q"));
    }
    // and it recovers: a good line right after a bad one is read
    byte[] good = "{\"ts\": \"x\", \"arguments\": {\"q\": [1, {\"r\": null}]}}".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"ts\": ".getBytes(StandardCharsets.UTF_8);
    assertNull(fast.object(bad, 0, bad.length, null, null));
    assertNotNull(fast.object(good, 0, good.length, null, null));
    assertNotNull(fast.object(good, 0, good.length, null, null), "and again: the parser is reused");
  }
}
