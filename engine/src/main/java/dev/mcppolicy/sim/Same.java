package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;

/**
 * The engine's equality with one constant of a condition ({@link GoValues#equal}: two numbers as
 * doubles, anything else by Go's {@code %v} text), prepared once: the constant's double and text
 * are worked out here, and the common cases (a string against a string, an integer against an
 * integer) are compared without printing anything.
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
  /** Whether the constant is a number, and then its value as a double. */
  private final boolean number;
  private final double dbl;
  /** The constant when it is an integer a double holds exactly, else {@link JsonNumber#NOT_PLAIN}. */
  private final long plain;
  /** What Go's %v prints for the constant: what any value of another kind is compared with. */
  private final String text;

  Same(JsonValue constant) {
    this.constant = constant;
    this.string = constant instanceof JsonString s ? s.value() : null;
    this.stringHash = string == null ? 0 : string.hashCode();
    this.number = constant instanceof JsonNumber;
    this.dbl = constant instanceof JsonNumber n ? GoValues.toDouble(n) : 0;
    long p = constant instanceof JsonNumber n ? n.plainValue() : JsonNumber.NOT_PLAIN;
    this.plain = GoValues.exact(p) ? p : JsonNumber.NOT_PLAIN;
    this.text = GoValues.text(constant);
  }

  static Same[] each(Iterable<JsonValue> constants) {
    java.util.List<Same> out = new java.util.ArrayList<>();
    constants.forEach(c -> out.add(new Same(c)));
    return out.toArray(new Same[0]);
  }

  /** Whether {@code v} equals the constant as the engine compares them. */
  boolean test(JsonValue v) {
    if (string != null) {
      if (v instanceof JsonString s) {
        return s.value().hashCode() == stringHash && s.value().equals(string);
      }
      return GoValues.text(v).equals(string); // "5" equals 5, "true" equals true
    }
    if (number && v instanceof JsonNumber n) {
      long p = n.plainValue();
      return plain != JsonNumber.NOT_PLAIN && GoValues.exact(p) ? p == plain : GoValues.toDouble(n) == dbl;
    }
    return GoValues.text(v).equals(text);
  }

  JsonValue constant() {
    return constant;
  }
}
