package dev.mcppolicy.json;

/**
 * A JSON value as the policy language and policy.json see it. Numbers keep their exact decimal
 * value (never a double), and objects keep member order, so nothing is lost between a source
 * literal, a compiled document and a document read back.
 */
public sealed interface JsonValue
    permits JsonString, JsonNumber, JsonBoolean, JsonNull, JsonArray, JsonObject {

  /** A short word for messages: "a string", "a number", "a list", ... */
  String kind();

  /**
   * JSON equality as the decision model defines it: numbers compare by value ({@code 5} equals
   * {@code 5.0}); everything else must match in type and content.
   */
  static boolean sameValue(JsonValue a, JsonValue b) {
    if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
      return x.compareValue(y) == 0;
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.elements().size() != y.elements().size()) {
        return false;
      }
      for (int i = 0; i < x.elements().size(); i++) {
        if (!sameValue(x.elements().get(i), y.elements().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      if (!x.members().keySet().equals(y.members().keySet())) {
        return false;
      }
      for (var e : x.members().entrySet()) {
        if (!sameValue(e.getValue(), y.members().get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
