package dev.mcppolicy.model;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"path": "args.a.b", "op": OP, "value": V}}. The value's numbers are kept in canonical
 * form, so two conditions are equal exactly when their canonical JSON is.
 */
public record Condition(String path, Op op, JsonValue value) {
  public Condition {
    Objects.requireNonNull(path);
    Objects.requireNonNull(op);
    value = canonicalNumbers(Objects.requireNonNull(value));
  }

  private static JsonValue canonicalNumbers(JsonValue value) {
    if (value instanceof JsonNumber n) {
      return n.canonical();
    }
    if (value instanceof JsonArray a) {
      List<JsonValue> elements = new ArrayList<>(a.elements().size());
      for (JsonValue e : a.elements()) {
        elements.add(canonicalNumbers(e));
      }
      return new JsonArray(elements);
    }
    if (value instanceof JsonObject o) {
      Map<String, JsonValue> m = new LinkedHashMap<>();
      o.members().forEach((k, v) -> m.put(k, canonicalNumbers(v)));
      return new JsonObject(m);
    }
    return value;
  }
}
