package dev.mcppolicy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** String literals as written in a policy (the quotes included), decoded as JSON strings are. */
class StringsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"\"|",
      "\"plain words\"|plain words",
      "\"(?i)\\\\b(delete)\\\\b\"|(?i)\\b(delete)\\b",
      "\"tab\\there\"|tab\there",
      "\"caf\\u00e9\"|café",
      "\"café\"|café",
      "\"\uD83D\uDE00\"|\uD83D\uDE00",
      "\"\\uD83D\\uDE00\"|\uD83D\uDE00",
  }, emptyValue = "")
  void decodesEscapesAndKeepsEverythingElse(String raw, String value) {
    Strings.Decoded d = Strings.decode(raw);
    assertNull(d.problem());
    assertEquals(value == null ? "" : value, d.value()); // an empty column reads as null
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"a\\qb\"|2|invalid escape '\\q'",
      "\"lone \\uD83D here\"|6|unpaired surrogate",
      "\"x\\u12\"|2|'\\u' needs four hex digits",
  })
  void refusesWhatJsonRefuses(String raw, int column, String message) {
    Strings.Decoded d = Strings.decode(raw);
    assertEquals(column, d.problem().rawOffset(), raw);
    assertEquals(true, d.problem().message().startsWith(message), d.problem().message());
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterMustBeEscaped() {
    Strings.Decoded d = Strings.decode("\"a\tb\"");
    assertEquals(2, d.problem().rawOffset());
  }

  /** Any text of letters, escapes and pairs: the value JSON gives it (Jackson decodes the same literal). */
  @Property(tries = 2000)
  void agreesWithJson(@ForAll("literals") String raw) throws Exception {
    String json;
    try (JsonParser p = new JsonFactory().createParser(raw)) {
      p.nextToken();
      json = p.getText();
    }
    Strings.Decoded d = Strings.decode(raw);
    assertNull(d.problem(), raw);
    assertEquals(json, d.value());
  }

  @Provide
  Arbitrary<String> literals() {
    Arbitrary<String> piece = Arbitraries.of("a", "Z", " ", "é", "\u00ff", "\uD83D\uDE00", "\\\"", "\\\\", "\\/", "\\n",
        "\\t", "\\u0041", "\\u00e9", "\\uD83D\\uDE00", "#", "'");
    return piece.list().ofMaxSize(8).map(ps -> "\"" + String.join("", ps) + "\"");
  }
}
