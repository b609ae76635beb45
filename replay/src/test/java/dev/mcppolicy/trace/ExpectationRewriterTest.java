package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --update-expectations changes the expect of each record and not one other byte of the file. */
class ExpectationRewriterTest {
  @TempDir
  Path dir;

  static final JsonValue DENY = new JsonObject(new LinkedHashMap<>(Map.of("decision", new JsonString("deny"))));

  /** Strings a trace may hold, written with every kind of escape JSON has. */
  static final List<String> SPELLINGS = List.of("\"plain\"", "\"caf\\u00e9\"", "\"caf\u00e9\"", "\"lone \\ud800 half\"",
      "\"pair \\ud83d\\ude00\"", "\"q\\\"uote\\\\ slash\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u001b[2J\"", "\"\"");

  /** A generated record line, and the text of its expect value (empty when it has none). */
  private record Generated(String line, String expect) {}

  private static Generated record(Random random, boolean withExpect) {
    boolean spaced = random.nextBoolean(); // a file is written in one style or the other
    String colon = spaced ? ": " : ":";
    String comma = spaced ? ", " : ",";
    List<String> members = new ArrayList<>();
    members.add("\"ts\"" + colon + "\"2026-11-21T10:00:0" + random.nextInt(10) + "Z\"");
    members.add("\"grant\"" + colon + SPELLINGS.get(random.nextInt(SPELLINGS.size())));
    members.add("\"tool\"" + colon + SPELLINGS.get(random.nextInt(SPELLINGS.size())));
    members.add("\"arguments\"" + colon + "{\"a\"" + colon + "[1" + comma + "2.50" + comma + "1e3" + comma + "{\"b\""
        + colon + SPELLINGS.get(random.nextInt(SPELLINGS.size())) + "}]" + comma + "\"expect\"" + colon + "\"nested, kept\"}");
    String expect = "";
    if (withExpect) {
      expect = random.nextBoolean() ? "\"allow\"" : "{\"decision\"" + colon + "\"allow\"}";
      members.add("\"expect\"" + colon + expect);
    }
    java.util.Collections.shuffle(members, random);
    return new Generated((random.nextBoolean() ? " " : "") + "{" + String.join(comma, members) + "}"
        + (random.nextBoolean() ? "\r" : ""), expect);
  }

  @Test
  void everyOtherByteStaysAsItWasRead() throws Exception {
    Random random = new Random(1201);
    for (int round = 0; round < 500; round++) {
      boolean withExpect = random.nextBoolean();
      Generated generated = record(random, withExpect);
      String line = generated.line();
      String rewritten = ExpectationRewriter.withExpect(line, DENY).orElseThrow();
      JsonObject before = (JsonObject) JsonReader.read(line.strip()).root();
      JsonObject after = (JsonObject) JsonReader.read(rewritten.strip()).root();
      assertEquals(DENY, after.members().get("expect"), rewritten);
      Map<String, JsonValue> others = new LinkedHashMap<>(after.members());
      others.remove("expect");
      Map<String, JsonValue> was = new LinkedHashMap<>(before.members());
      was.remove("expect");
      assertEquals(was, others, rewritten);
      if (withExpect) {
        // setting the old text back gives the very same line: only the value's text was replaced
        // putting the old value back gives the very same line: only the value's text was replaced
        JsonValue old = JsonReader.read(generated.expect()).root();
        String back = ExpectationRewriter.withExpect(rewritten, old).orElseThrow();
        assertEquals(line, back);
      } else {
        // the line is the old one with the member inserted before its last brace
        int at = rewritten.lastIndexOf(", \"expect\"") >= 0 ? rewritten.lastIndexOf(", \"expect\"") : rewritten.lastIndexOf(",\"expect\"");
        String inserted = rewritten.substring(at, rewritten.lastIndexOf('}'));
        assertEquals(line, rewritten.replace(inserted, ""));
      }
    }
  }

  @Test
  void onlyDecidedLinesChangeAndEscapesSurvive() {
    String file = "# a comment\n"
        + "{\"trace\": {\"version\": 1}}\n"
        + "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\\u00e9\", \"tool\": \"a\\ud800\", \"expect\": \"allow\"}\r\n"
        + "\n"
        + "{\"ts\":\"2026-11-21T10:00:01Z\",\"grant\":\"g\",\"tool\":\"b\"}";
    ExpectationRewriter.Result r = ExpectationRewriter.rewrite(file.getBytes(StandardCharsets.UTF_8), Map.of(3, DENY, 5, DENY));
    assertEquals(2, r.updated());
    assertEquals("# a comment\n"
        + "{\"trace\": {\"version\": 1}}\n"
        + "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\\u00e9\", \"tool\": \"a\\ud800\", \"expect\": {\"decision\": \"deny\"}}\r\n"
        + "\n"
        + "{\"ts\":\"2026-11-21T10:00:01Z\",\"grant\":\"g\",\"tool\":\"b\",\"expect\":{\"decision\":\"deny\"}}",
        new String(r.content(), StandardCharsets.UTF_8));
  }

  @Test
  void nothingToChangeGivesTheSameBytes() {
    byte[] file = "{\"ts\": \"2026-11-21T10:00:00Z\", \"tool\": \"caf\u00e9\"}\n\n".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(file, ExpectationRewriter.rewrite(file, Map.of()).content());
  }

  @Test
  void aFileThatChangedSinceItWasReplayedIsNotRewritten() throws IOException {
    Path trace = Files.writeString(dir.resolve("t.trace.jsonl"), "{\"ts\": \"2026-11-21T10:00:00Z\", \"tool\": \"a\"}\n");
    ExpectationRewriter.Snapshot replayed = ExpectationRewriter.Snapshot.of(trace);
    Files.writeString(trace, "{\"ts\": \"2026-11-21T10:00:00Z\", \"tool\": \"b\"}\n{\"ts\": \"2026-11-21T10:00:01Z\", \"tool\": \"c\"}\n");
    IOException e = assertThrows(IOException.class, () -> ExpectationRewriter.update(trace, replayed, Map.of(1, DENY)));
    assertEquals("it changed while it was replayed, so its expectations were not updated: run again", e.getMessage());
    assertTrue(Files.readString(trace).contains("\"b\""), "left as it is");
  }

  @Test
  void whatIsNotARecordIsLeftAlone() {
    assertEquals(Optional.empty(), ExpectationRewriter.withExpect("[1, 2]", DENY));
    assertEquals(Optional.of("{\"expect\":{\"decision\":\"deny\"}}"), ExpectationRewriter.withExpect("{}", DENY));
    assertEquals(Optional.of("{ \"expect\": \"deny\" }"),
        ExpectationRewriter.withExpect("{ \"expect\": \"allow\" }", new JsonString("deny")));
  }
}
