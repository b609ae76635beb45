package dev.mcppolicy.json;

import java.util.List;

public record JsonArray(List<JsonValue> elements) implements JsonValue {
  public JsonArray {
    elements = List.copyOf(elements);
  }

  @Override
  public String kind() {
    return "a list";
  }
}
