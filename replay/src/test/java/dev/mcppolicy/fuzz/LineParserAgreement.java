package dev.mcppolicy.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.LineParser;
import java.util.Map;
import java.util.Set;

/** The fast path for trace lines answers exactly what the careful path answers, or declines. */
final class LineParserAgreement {
  private LineParserAgreement() {}

  static void check(LineParser fast, byte[] line, Set<String> keep) {
    Map<String, JsonValue> quick = fast.object(line, 0, line.length, keep == null ? null : "arguments", keep);
    JsonValue careful;
    try {
      careful = keep == null ? JsonReader.value(line, 0, line.length)
          : nullToValue(JsonReader.object(line, 0, line.length, "arguments", keep), line);
    } catch (JsonReader.JsonSyntaxException e) {
      assertNull(quick, "the fast path accepted a line the careful path refuses: " + e.getMessage());
      return;
    }
    if (quick != null) {
      assertEquals(careful, new JsonObject(quick));
    }
  }

  private static JsonValue nullToValue(Map<String, JsonValue> fields, byte[] line) throws JsonReader.JsonSyntaxException {
    return fields != null ? new JsonObject(fields) : JsonReader.value(line, 0, line.length);
  }
}
