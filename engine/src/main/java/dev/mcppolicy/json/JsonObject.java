package dev.mcppolicy.json;

import java.util.Map;

/** An object; members keep their insertion order, keys are unique. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  public JsonObject {
    members = members instanceof Members own ? own.freeze() : Members.copyOf(members);
  }

  /** The member under {@code key}; null if there is none (a JSON null is {@link JsonNull}). */
  public JsonValue get(String key) {
    return members.get(key);
  }

  /**
   * Builds an object member by member, as a reader does: a key given twice is refused, and the
   * object is built once, without copying its members.
   */
  public static final class Builder {
    private final Members members;

    public Builder(int expectedSize) {
      members = new Members(expectedSize);
    }

    /** Adds a member; false, and nothing added, when the key is already there. */
    public boolean add(String key, JsonValue value) {
      return members.add(key, value);
    }

    public JsonObject build() {
      return new JsonObject(members.freeze());
    }
  }

  @Override
  public String kind() {
    return "an object";
  }
}
