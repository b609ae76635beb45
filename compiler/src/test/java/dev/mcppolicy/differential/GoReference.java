package dev.mcppolicy.differential;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The engine's comparisons written out again from the rules (docs/decision-model.md,
 * "Comparisons"), on purpose with other means than the simulator's: numbers through
 * {@link Double#parseDouble} of their text, the shortest digits found by formatting with more and
 * more digits until the text reads back, keys sorted by a {@link TreeMap} of UTF-8 byte strings.
 */
final class GoReference {
  private GoReference() {}

  static double dbl(JsonNumber n) {
    return Double.parseDouble(n.text());
  }

  static boolean equal(JsonValue a, JsonValue b) {
    if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
      return dbl(x) == dbl(y);
    }
    return v(a).equals(v(b));
  }

  /** fmt's %v of the value encoding/json would decode. */
  static String v(JsonValue value) {
    if (value instanceof JsonString s) {
      return s.value();
    }
    if (value instanceof JsonBoolean b) {
      return b.value() ? "true" : "false";
    }
    if (value instanceof JsonNull) {
      return "<nil>";
    }
    if (value instanceof JsonNumber n) {
      return g(dbl(n));
    }
    if (value instanceof JsonArray a) {
      StringBuilder out = new StringBuilder("[");
      for (JsonValue e : a.elements()) {
        out.append(out.length() > 1 ? " " : "").append(v(e));
      }
      return out.append(']').toString();
    }
    TreeMap<String, String> sorted = new TreeMap<>((x, y) -> java.util.Arrays.compareUnsigned(
        x.getBytes(java.nio.charset.StandardCharsets.UTF_8), y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    ((JsonObject) value).members().forEach((k, e) -> sorted.put(k, v(e)));
    StringBuilder out = new StringBuilder("map[");
    sorted.forEach((k, e) -> out.append(out.length() > 4 ? " " : "").append(k).append(':').append(e));
    return out.append(']').toString();
  }

  /** strconv.FormatFloat(d, 'g', -1, 64). */
  static String g(double d) {
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    String e = null;
    for (int digits = 1; digits <= 17; digits++) {
      e = String.format(Locale.ROOT, "%." + (digits - 1) + "e", d);
      if (Double.parseDouble(e) == d) {
        break;
      }
    }
    // e is like -1.2345e+06: mantissa digits and a decimal exponent
    boolean negative = e.startsWith("-");
    String mantissa = e.substring(negative ? 1 : 0, e.indexOf('e')).replace(".", "");
    int exponent = Integer.parseInt(e.substring(e.indexOf('e') + 1));
    mantissa = mantissa.replaceAll("0+$", "");
    if (mantissa.isEmpty()) {
      mantissa = "0";
    }
    String body;
    if (exponent < -4 || exponent >= 6) {
      body = mantissa.charAt(0) + (mantissa.length() > 1 ? "." + mantissa.substring(1) : "") + "e"
          + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    } else if (exponent < 0) {
      body = "0." + "0".repeat(-exponent - 1) + mantissa;
    } else if (mantissa.length() <= exponent + 1) {
      body = mantissa + "0".repeat(exponent + 1 - mantissa.length());
    } else {
      body = mantissa.substring(0, exponent + 1) + "." + mantissa.substring(exponent + 1);
    }
    return (negative ? "-" : "") + body;
  }
}
