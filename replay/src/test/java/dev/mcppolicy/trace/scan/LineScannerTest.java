package dev.mcppolicy.trace.scan;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The byte scanner for trace records against the careful path (Jackson, {@link JsonReader}): what
 * it accepts it builds exactly as the careful path does, and it accepts the forms real traces use
 * (a decline costs a second read, so the common forms must not decline); what the careful path
 * refuses, or reads differently, it declines.
 */
class LineScannerTest {
  private static final byte[][] ARGUMENTS = {"arguments".getBytes(StandardCharsets.US_ASCII)};
  private static final byte[][] FIELDS = {"ts".getBytes(StandardCharsets.US_ASCII), "grant".getBytes(StandardCharsets.US_ASCII)};
  private static final Set<String> KEEP = Set.of("model", "a");

  /** Argument objects the scanner must accept, and build as the careful path does, with and without a projection. */
  private static final List<String> ACCEPTED = List.of(
      "{}",
      "{\"model\": \"res.partner\", \"ids\": [1, 2], \"limit\": 80, \"context\": {\"lang\": \"en_US\", \"tz\": \"UTC\"}}",
      "{\"a\": 0, \"b\": -0.0, \"c\": 12, \"d\": -12, \"e\": 1.5, \"f\": -0.25, \"g\": 1e3, \"h\": 1E-3, \"i\": 2.5e+10}",
      "{\"a\": 123456789012345678901234567890.5, \"b\": 1e1000, \"c\": -1E-1000}",
      // integers of up to 18 digits are built from their long, longer ones from their text
      "{\"model\": [999999999999999999, -999999999999999999, 1000000000000000000, -1000000000000000000], "
          + "\"a\": [9223372036854775807, -9223372036854775808, 99999999999999999999, 7, -7, 0, 10, -10]}",
      "{\"a\": true, \"b\": false, \"c\": null, \"d\": [], \"e\": {}, \"f\": [[]], \"g\": [{}]}",
      "{\"a\": \"\", \"b\": \"with \\\"quotes\\\"\", \"c\": \"\\\\ \\/ \\b \\f \\n \\r \\t\"}",
      "{\"a\": \"\\u00e9\\u4E2D\", \"b\": \"\\ud83d\\ude00\", \"c\": \"\\ud800 alone\", \"d\": \"\\u0000\"}",
      "{\"a\": \"caf\u00e9\", \"model\": \"\u4e2d\u6587\", \"c\": \"\ud83d\ude00\", \"d\": \"\u00ff\u0100\u07ff\u0800\uffff\"}",
      "{\"model\": \"a string longer than the table's thirty-two bytes\", \"a\": \"x\"}",
      "{\"mo\\u0064el\": \"escaped key\", \"\\u0061\": 1}",
      "{\"a\": {\"b\": [1, {\"c\": null, \"d\": [true, \"x\"]}], \"e\": []}, \"model\": [[1, 2], [3]]}",
      "{ \"a\" :1 ,\t\"b\":[ 1 ,2 ] ,\r\"model\" : { } }",
      "{\"a\": " + "[".repeat(62) + "]".repeat(62) + "}",
      "{\"a\": \"" + "\u00e9".repeat(40) + "\"}",
      "{\"a\": \"\u007f del is not a control character\"}",
      "{" + manyKeys(30) + ", \"model\": {" + manyKeys(13) + "}}",
      "{\"a\": [1, 2, 3], \"b\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], "
          + "\"model\": [[1, [2, 3, 4]], \"x\", [5, 6, 7, 8, 9, 10, 11, 12, 13], []]}");

  /** Argument objects the scanner must decline: malformed, or outside the forms it vouches for. */
  private static final List<String> DECLINED = List.of(
      "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 1e}", "{\"a\": 1e+}", "{\"a\": -}",
      "{\"a\": -a}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": tru}", "{\"a\": truex}", "{\"a\": nul}",
      "{\"a\": 1x}", "{\"a\": \"x\\q\"}", "{\"a\": \"\\u12\"}", "{\"a\": \"\\u12g4\"}", "{\"a\": \"tab\there\"}",
      "{\"a\": [1,]}", "{\"a\": [,1]}", "{\"a\": {\"b\": 1,}}", "{\"a\" 1}", "{'a': 1}", "{\"a\": 1 \"b\": 2}",
      "{\"a\": 1,}", "{,}", "{\"a\": [1 2]}", "{\"a\": {\"b\" 1}}", "{\"a\": {1: 2}}", "{\"a\": \"unterminated}",
      "{\"a\": 1", "{\"a\": [1", "{\"a\": \"x\"", "{a: 1}",
      "{\"a\": " + "[".repeat(63) + "]".repeat(63) + "}",
      "{\"a\": 1" + "0".repeat(200) + "}",
      "{\"a\": 1e1001}",
      "{\"a\": -0}", // the one-thread reader's parser reads it as 0: the careful path decides
      "{\"model\": 1, \"model\": 2}",
      "{\"a\": {\"b\": 1, \"b\": 2}}",
      // a duplicate key in a large object (a hash index past twelve keys), at the top and nested
      "{" + manyKeys(13) + ", \"k3\": 0}",
      "{\"a\": {" + manyKeys(20) + ", \"k19\": 0}}",
      "{\"a\": \"line\nbreak\"}");

  /** {@code "k0": 0, "k1": 1, ...}: n members. */
  private static String manyKeys(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "\"k" + i + "\": " + i)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Bytes that are not UTF-8 (or not the strict UTF-8 the scanner vouches for), inside a string. */
  private static final List<byte[]> NOT_UTF8 = List.of(
      bytes(0xC0, 0x80), bytes(0xC1, 0xBF), bytes(0xE0, 0x80, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xF0, 0x80, 0x80, 0x80),
      bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF5, 0x80, 0x80, 0x80), bytes(0x80), bytes(0xBF), bytes(0xE4, 0xB8),
      bytes(0xE4, 0x41, 0x80), bytes(0xFF), bytes(0xFE));

  @TestFactory
  Stream<DynamicTest> acceptsWhatRealTracesHoldAndBuildsItAsTheCarefulPathDoes() {
    return ACCEPTED.stream().map(arguments -> DynamicTest.dynamicTest(arguments, () -> {
      byte[] line = line(arguments.getBytes(StandardCharsets.UTF_8));
      for (Set<String> keep : new Set[] {null, KEEP}) {
        Map<String, JsonValue> careful = JsonReader.object(line, 0, line.length, "arguments", keep);
        assertNotNull(careful, arguments);
        try {
          assertEquals(careful.get("arguments"), scan(line, keep), arguments);
        } catch (LineScanner.Decline e) {
          fail("declined " + arguments + " (keep " + keep + ")");
        }
      }
    }));
  }

  /** One scanner for every accepted line, in turn and then backwards: nothing of a line is carried into the next. */
  @Test
  void aScannerReusedForLineAfterLineBuildsEachAsTheCarefulPathDoes() throws Exception {
    LineScanner scanner = new LineScanner();
    List<String> lines = new java.util.ArrayList<>(ACCEPTED);
    java.util.List<String> backwards = new java.util.ArrayList<>(ACCEPTED);
    java.util.Collections.reverse(backwards);
    lines.addAll(backwards);
    for (String arguments : lines) {
      byte[] line = line(arguments.getBytes(StandardCharsets.UTF_8));
      for (Set<String> keep : new Set[] {null, KEEP}) {
        scanner.chunk(line, line.length);
        scanner.begin(0);
        assertEquals(0, scanner.field(ARGUMENTS));
        assertEquals(JsonReader.object(line, 0, line.length, "arguments", keep).get("arguments"), scanner.object(keep),
            arguments);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> declinesWhatItDoesNotVouchFor() {
    return DECLINED.stream().map(arguments -> DynamicTest.dynamicTest(arguments, () -> {
      byte[] line = line(arguments.getBytes(StandardCharsets.UTF_8));
      assertThrows(LineScanner.Decline.class, () -> scan(line, null), arguments);
    }));
  }

  @Test
  void declinesBytesThatAreNotStrictUtf8InAStringOrAKeyBuiltOrSkipped() {
    for (byte[] bad : NOT_UTF8) {
      for (String shape : List.of("{\"a\": \"x%sy\"}", "{\"model\": \"%s\"}", "{\"%s\": 1}", "{\"a\": [\"%s\"]}")) {
        String[] parts = shape.split("%s");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        byte[] line = line(out.toByteArray());
        for (Set<String> keep : new Set[] {null, KEEP}) {
          assertThrows(LineScanner.Decline.class, () -> scan(line, keep), shape + " " + java.util.Arrays.toString(bad));
        }
      }
    }
  }

  @Test
  void aKeyThatIsNotBuiltMayRepeatAsOnTheCarefulPathButABuiltOneMayNot() throws Exception {
    byte[] line = line("{\"x\": 1, \"x\": 2, \"model\": \"m\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(JsonReader.object(line, 0, line.length, "arguments", KEEP).get("arguments"), scan(line, KEEP));
    assertThrows(LineScanner.Decline.class, () -> scan(line, null));
    assertThrows(JsonReader.JsonSyntaxException.class, () -> JsonReader.object(line, 0, line.length, "arguments", null));
  }

  /**
   * A built key is found by any String of its text (no lookup depends on identity), and the keys
   * kept follow the set passed, whether it is the same set, an equal copy or another one.
   */
  @Test
  void builtKeysAreFoundByTheirTextAndFollowTheSetPassed() throws Exception {
    byte[] line = line("{\"model\": 1, \"mo\\u0064el2\": 2, \"a\": 3}".getBytes(StandardCharsets.UTF_8));
    LineScanner scanner = new LineScanner();
    List<Set<String>> sets = List.of(KEEP, new java.util.HashSet<>(KEEP), Set.of("model2"), KEEP);
    List<List<String>> expected = List.of(List.of("model", "a"), List.of("model", "a"), List.of("model2"), List.of("model", "a"));
    for (int i = 0; i < sets.size(); i++) {
      scanner.chunk(line, line.length);
      scanner.begin(0);
      scanner.field(ARGUMENTS);
      JsonObject built = scanner.object(sets.get(i));
      assertEquals(expected.get(i), List.copyOf(built.members().keySet()), "set " + i);
      for (String key : expected.get(i)) {
        assertNotNull(built.get(new String(key.toCharArray())), key);
      }
    }
  }

  /**
   * A grant or tool name is its text, whether the table met the same bytes first as another
   * field's value, or it is escaped or too long for the table.
   */
  @Test
  void aNameIsItsTextWhereverTheTableMetItFirst() throws Exception {
    LineScanner scanner = new LineScanner();
    String longName = "grant-" + "x".repeat(40);
    for (String written : List.of("grant-4", "grant-4", "gr\\u0061nt-4", longName)) {
      String text = written.replace("\\u0061", "a");
      byte[] line = ("{\"ts\": \"" + written + "\", \"grant\": \"" + written + "\"}").getBytes(StandardCharsets.UTF_8);
      scanner.chunk(line, line.length);
      scanner.begin(0);
      scanner.field(FIELDS);
      assertEquals(text, scanner.string()); // the same bytes, read first as a plain value
      scanner.field(FIELDS);
      assertEquals(text, scanner.string());
    }
  }

  /** Each name read is its own text, whatever string the scanner read just before it. */
  @Test
  void aNameIsTheTextJustRead() throws Exception {
    LineScanner scanner = new LineScanner();
    List<String> names = List.of("grant-4", "tool_0047", "grant-13", "grant-4", "tool_0047", "tool_0102", "grant-13");
    for (int i = 0; i < names.size(); i++) {
      String before = names.get((i + 3) % names.size());
      byte[] line = ("{\"ts\": \"" + before + "\", \"grant\": \"" + names.get(i) + "\"}").getBytes(StandardCharsets.UTF_8);
      scanner.chunk(line, line.length);
      scanner.begin(0);
      scanner.field(FIELDS);
      assertEquals(before, scanner.string());
      scanner.field(FIELDS);
      assertEquals(names.get(i), scanner.string(), line.toString());
    }
  }

  /** A string of ASCII characters without escapes is read from its bytes; any other, from its decoded characters. */
  @Test
  void anAsciiStringIsReadFromItsBytesAndAnyOtherFromItsCharacters() throws Exception {
    LineScanner scanner = new LineScanner();
    Map<String, String> written = Map.of(
        "2026-11-23T00:00:00.026Z", "bytes 2026-11-23T00:00:00.026Z",
        "2026-11-23T00:00:00\\u002e026Z", "chars 2026-11-23T00:00:00.026Z",
        "caf\u00e9", "chars caf\u00e9",
        "", "bytes ");
    for (Map.Entry<String, String> e : written.entrySet()) {
      byte[] line = ("{\"ts\": \"" + e.getKey() + "\"}").getBytes(StandardCharsets.UTF_8);
      scanner.chunk(line, line.length);
      scanner.begin(0);
      assertEquals(0, scanner.field(FIELDS));
      String read = scanner.string((ascii, from, n) -> "bytes " + new String(ascii, from, n, StandardCharsets.US_ASCII),
          (chars, from, n) -> "chars " + new String(chars, from, n));
      assertEquals(e.getValue(), read, e.getKey());
    }
  }

  @Test
  void aStringMetAgainComesFromTheTableAndEqualsItsText() {
    LineScanner scanner = new LineScanner();
    for (String text : List.of("grant-1", "grant-2", "grant-1", "tool_0047", "caf\u00e9", "tool_0047", "caf\u00e9")) {
      byte[] line = ("{\"arguments\": {\"k\": \"" + text + "\"}}").getBytes(StandardCharsets.UTF_8);
      scanner.chunk(line, line.length);
      scanner.begin(0);
      try {
        scanner.field(ARGUMENTS);
        assertEquals(new JsonString(text), scanner.object(null).members().get("k"));
      } catch (LineScanner.Decline e) {
        fail(text);
      }
    }
  }

  /**
   * Random strings, written with random escapes and raw UTF-8, then random bytes in their middle:
   * when the scanner accepts, the careful path reads the same; when the careful path refuses, the
   * scanner declines.
   */
  @Property(tries = 3000)
  void agreesWithTheCarefulPathOnStrings(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    value.writeBytes("{\"model\": \"".getBytes(StandardCharsets.US_ASCII));
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      int codePoint = switch (random.nextInt(5)) {
        case 0 -> random.nextInt(0x80);
        case 1 -> 0x80 + random.nextInt(0x780);
        case 2 -> 0x800 + random.nextInt(0xF800);
        case 3 -> 0x10000 + random.nextInt(0x100000);
        default -> "\"\\/\b\f\n\r\t".charAt(random.nextInt(8));
      };
      boolean escape = random.nextInt(4) == 0 || codePoint < 0x20 || codePoint == '"' || codePoint == '\\';
      if (escape && codePoint < 0x10000) {
        value.writeBytes(String.format(java.util.Locale.ROOT, "\\u%04x", codePoint).getBytes(StandardCharsets.US_ASCII));
      } else if (escape) {
        for (char c : Character.toChars(codePoint)) {
          value.writeBytes(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c).getBytes(StandardCharsets.US_ASCII));
        }
      } else {
        value.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] good = value.toByteArray();
    byte[] text = good;
    if (random.nextBoolean()) {
      text = good.clone();
      int at = 11 + random.nextInt(Math.max(1, text.length - 11));
      if (at < text.length) {
        text[at] = (byte) random.nextInt(256);
      }
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(text);
    all.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    byte[] line = line(all.toByteArray());
    JsonValue careful;
    try {
      careful = JsonReader.object(line, 0, line.length, "arguments", KEEP).get("arguments");
    } catch (JsonReader.JsonSyntaxException refused) {
      careful = null;
    }
    JsonValue scanned;
    try {
      scanned = scan(line, KEEP);
    } catch (LineScanner.Decline declined) {
      if (text == good) {
        fail("declined well-formed " + new String(line, StandardCharsets.UTF_8));
      }
      return;
    }
    assertEquals(careful, scanned, new String(line, StandardCharsets.UTF_8));
  }

  /** {@code {"arguments": ARGUMENTS}} */
  private static byte[] line(byte[] arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"arguments\": ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(arguments);
    out.writeBytes("}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static JsonObject scan(byte[] line, Set<String> keep) throws LineScanner.Decline {
    LineScanner scanner = new LineScanner();
    scanner.chunk(line, line.length);
    scanner.begin(0);
    assertEquals(0, scanner.field(ARGUMENTS));
    JsonObject arguments = scanner.object(keep);
    if (arguments == null) {
      throw LineScanner.decline();
    }
    assertEquals(LineScanner.END, scanner.field(ARGUMENTS));
    return arguments;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
