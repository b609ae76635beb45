package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonObject;
import java.util.Set;

/**
 * A call's arguments: the whole object, or, for decision logs that redact values, only the
 * top-level keys. With keys only, a condition that needs a value cannot be decided.
 */
public sealed interface Arguments permits Arguments.Known, Arguments.KeysOnly {
  record Known(JsonObject object) implements Arguments {}

  record KeysOnly(Set<String> keys) implements Arguments {
    public KeysOnly {
      keys = Set.copyOf(keys);
    }
  }

  static Arguments of(JsonObject object) {
    return new Known(object);
  }
}
