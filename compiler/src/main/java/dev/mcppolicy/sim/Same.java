package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;

/**
 * Equality with one constant of a condition, prepared once: {@link JsonValue#sameValue} answers,
 * with the common constants (a string, a plain integer) compared without looking at the constant's
 * kind again or parsing it again on every call.
 */
final class Same {
  private final JsonValue constant;
  /** The constant when it is a string, else null. */
  private final String string;
  /**
   * The string's hash: compared first, since most values differ from the constant, and the
   * strings a trace repeats keep their hash (the scanner hands out one String per text).
   */
  private final int stringHash;
  /** The constant when it is a plain integer, else {@link JsonNumber#NOT_PLAIN}. */
  private final long plain;

  Same(JsonValue constant) {
    this.constant = constant;
    this.string = constant instanceof JsonString s ? s.value() : null;
    this.stringHash = string == null ? 0 : string.hashCode();
    this.plain = constant instanceof JsonNumber n ? n.plainValue() : JsonNumber.NOT_PLAIN;
  }

  static Same[] each(Iterable<JsonValue> constants) {
    java.util.List<Same> out = new java.util.ArrayList<>();
    constants.forEach(c -> out.add(new Same(c)));
    return out.toArray(new Same[0]);
  }

  /** Whether {@code v} has the constant's value, as {@link JsonValue#sameValue} says. */
  boolean test(JsonValue v) {
    if (string != null) {
      return v instanceof JsonString s && s.value().hashCode() == stringHash && s.value().equals(string);
    }
    if (plain != JsonNumber.NOT_PLAIN && v instanceof JsonNumber n) {
      long p = n.plainValue();
      // a plain integer has one spelling; anything else (1.0, 1e0) is compared by exact value
      return p != JsonNumber.NOT_PLAIN ? p == plain : JsonValue.sameValue(v, constant);
    }
    return JsonValue.sameValue(v, constant);
  }
}
