package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.CodePoints;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values as the gateway's engine sees them (docs/decision-model.md, "Comparisons"): it decodes
 * JSON with Go's {@code encoding/json}, so every number is a float64, and compares two values that
 * are not both numbers by the text Go's {@code fmt} prints for them with {@code %v}: a string as
 * itself, {@code true}, {@code <nil>}, a number in the shortest form that reads back to the same
 * double ({@code 5}, {@code 0.5}, {@code 1e+06}), {@code [a b]}, {@code map[k:v]} with sorted keys.
 */
final class GoValues {
  private static final long EXACT = 1L << 53;

  private GoValues() {}

  /** A number as a float64, as Go decodes it ({@code 9007199254740993} is 9007199254740992). */
  static double toDouble(JsonNumber n) {
    long plain = n.plainValue();
    if (plain != JsonNumber.NOT_PLAIN && plain >= -EXACT && plain <= EXACT && plain != 0) {
      return plain; // exact as a double
    }
    return Double.parseDouble(n.text());
  }

  /** Whether a plain integer is exactly a double, so that comparing longs is comparing doubles. */
  static boolean exact(long plain) {
    return plain != JsonNumber.NOT_PLAIN && plain >= -EXACT && plain <= EXACT;
  }

  /** The engine's equality: two numbers as doubles, anything else by its {@code %v} text. */
  static boolean equal(JsonValue a, JsonValue b) {
    if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
      return toDouble(x) == toDouble(y);
    }
    if (a instanceof JsonString x && b instanceof JsonString y) {
      return x.value().equals(y.value());
    }
    return text(a).equals(text(b));
  }

  /** What Go's {@code fmt.Sprintf("%v", v)} prints for the decoded value. */
  static String text(JsonValue v) {
    StringBuilder out = new StringBuilder();
    write(v, out);
    return out.toString();
  }

  private static void write(JsonValue v, StringBuilder out) {
    if (v instanceof JsonString s) {
      out.append(s.value());
    } else if (v instanceof JsonNumber n) {
      out.append(formatFloat(toDouble(n)));
    } else if (v instanceof JsonBoolean b) {
      out.append(b.value());
    } else if (v instanceof JsonNull) {
      out.append("<nil>");
    } else if (v instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.elements().size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        write(a.elements().get(i), out);
      }
      out.append(']');
    } else if (v instanceof JsonObject o) {
      // fmt prints a map's keys sorted; Go compares strings byte by byte, which is code point order
      List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(o.members().entrySet());
      entries.sort(Map.Entry.comparingByKey(CodePoints.ORDER));
      out.append("map[");
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        out.append(entries.get(i).getKey()).append(':');
        write(entries.get(i).getValue(), out);
      }
      out.append(']');
    }
  }

  /**
   * Go's {@code strconv.FormatFloat(d, 'g', -1, 64)}, which {@code %v} uses: the shortest digits
   * that read back to {@code d}, in exponent form when the decimal exponent is below -4 or at
   * least 6 (Go's rule for the shortest form), with at least two exponent digits.
   */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    boolean negative = Double.doubleToRawLongBits(d) < 0;
    if (d == 0) {
      return negative ? "-0" : "0";
    }
    BigDecimal shortest = shortest(Math.abs(d));
    String digits = shortest.unscaledValue().toString();
    int dp = digits.length() - shortest.scale(); // value = 0.digits x 10^dp
    int exp = dp - 1;
    StringBuilder out = new StringBuilder(negative ? "-" : "");
    if (exp < -4 || exp >= 6) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exp < 0 ? '-' : '+');
      int e = Math.abs(exp);
      out.append(e < 10 ? "0" : "").append(e);
    } else if (dp <= 0) {
      out.append("0.").append("0".repeat(-dp)).append(digits);
    } else if (dp >= digits.length()) {
      out.append(digits).append("0".repeat(dp - digits.length()));
    } else {
      out.append(digits, 0, dp).append('.').append(digits, dp, digits.length());
    }
    return out.toString();
  }

  /** The shortest decimal that reads back to {@code d} (> 0), the nearest one where several do; no trailing zeros. */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == d) {
        return nearest.stripTrailingZeros();
      }
      // at a power of two the interval is lopsided: the nearest may miss while a neighbour fits
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.UP, RoundingMode.DOWN}) {
        BigDecimal other = exact.round(new MathContext(precision, mode));
        if (other.doubleValue() == d) {
          return other.stripTrailingZeros();
        }
      }
    }
    return exact.round(MathContext.DECIMAL64).stripTrailingZeros(); // 17 digits always read back
  }
}
