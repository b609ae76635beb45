package dev.mcppolicy.json;

import java.util.Map;

/** An object; members keep their insertion order, keys are unique. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  public JsonObject {
    members = members instanceof Members own ? own.freeze() : Members.copyOf(members);
  }

  /**
   * The member under {@code key}, which the caller guarantees is interned (a constant, or the
   * result of {@link String#intern}), as a condition's path is; null if there is none. For an
   * object read from a trace, whose keys are interned, a key that is not there is not compared
   * character by character with every key that is.
   */
  public JsonValue getInterned(String key) {
    return ((Members) members).getInterned(key);
  }

  @Override
  public String kind() {
    return "an object";
  }
}
