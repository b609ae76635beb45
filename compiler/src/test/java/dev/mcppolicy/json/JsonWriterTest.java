package dev.mcppolicy.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static JsonObject object(Object... kv) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (JsonValue) kv[i + 1]);
    }
    return new JsonObject(m);
  }

  @Test
  void prettyIsTwoSpaceIndentWithFinalNewline() {
    JsonValue v = object("b", new JsonArray(List.of(new JsonNumber("1"), new JsonString("x"))), "a", object(),
        "c", new JsonArray(List.of()));
    assertEquals("{\n  \"b\": [\n    1,\n    \"x\"\n  ],\n  \"a\": {},\n  \"c\": []\n}\n", JsonWriter.pretty(v));
  }

  @Test
  void jcsSortsMembersByUtf16AndHasNoWhitespace() {
    JsonValue v = object("b", new JsonNumber("1.50"), "a", new JsonBoolean(true), "\uff5e", new JsonNull(),
        "\ud83d\ude00", new JsonNumber("2"));
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF5E in UTF-16 order
    // (by code point it would come after)
    assertEquals("{\"a\":true,\"b\":1.5,\"\ud83d\ude00\":2,\"\uff5e\":null}", JsonWriter.jcs(v));
  }

  @Test
  void stringsAreEscapedMinimally() {
    String s = "q\" b\\ \b\f\n\r\t \u0001 \u001f \u007f \u00e9 \u2028 /";
    assertEquals("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f \u007f \u00e9 \u2028 /\"",
        JsonWriter.jcs(new JsonString(s)));
  }

  @Test
  void inlineKeepsNumberSpellingAndSpacesAfterSeparators() {
    JsonValue v = object("a", new JsonArray(List.of(new JsonNumber("1e3"), new JsonNull())));
    assertEquals("{\"a\": [1e3, null]}", JsonWriter.inline(v));
  }

  /**
   * Every escape, spelled out one character at a time: what writeString must produce. A surrogate
   * that is not half of a pair is escaped (UTF-8 cannot hold it); a pair is written as it is.
   */
  private static String escapedOneByOne(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
        continue;
      }
      if (Character.isSurrogate(c)) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  @Test
  void stringsAreEscapedExactlyWhereJsonRequires() {
    java.util.Random random = new java.util.Random(11);
    char[] alphabet = "ab\"\\\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028\ud83d\ude00/ ".toCharArray();
    for (int n = 0; n < 20_000; n++) {
      char[] chars = new char[random.nextInt(12)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = random.nextInt(8) == 0 ? (char) random.nextInt(0x80) : alphabet[random.nextInt(alphabet.length)];
      }
      String s = new String(chars);
      StringBuilder out = new StringBuilder("x");
      JsonWriter.writeString(s, out);
      assertEquals("x" + escapedOneByOne(s), out.toString(), s);
    }
  }
}
