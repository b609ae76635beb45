package dev.mcppolicy.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An object; members keep their insertion order, keys are unique. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  public JsonObject {
    members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  @Override
  public String kind() {
    return "an object";
  }
}
