package dev.mcppolicy.json;

import java.util.Map;

/** An object; members keep their insertion order, keys are unique. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  public JsonObject {
    members = members instanceof Members own ? own.freeze() : Members.copyOf(members);
  }

  @Override
  public String kind() {
    return "an object";
  }
}
