package dev.mcppolicy.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link JsonValue}s byte for byte in the two forms the project promises.
 *
 * <ul>
 *   <li>{@link #pretty}: the canonical layout of policy.json, which is that of ECMAScript's
 *       {@code JSON.stringify(value, null, 2)} plus a final newline: two-space indent, one member or
 *       element per line, {@code "key": value}, {@code {}} and {@code []} when empty. Member order is
 *       kept as given (the model decides it); numbers print in canonical form.
 *   <li>{@link #jcs}: RFC 8785, no whitespace, members sorted by UTF-16 code units, numbers as
 *       ECMAScript prints the nearest double.
 * </ul>
 *
 * Both escape strings the same minimal way (RFC 8785 section 3.2.2.2): {@code \"}, {@code \\},
 * the short escapes for control characters that have one, <code>\u005Cu00XX</code> (lower-case hex) for the
 * rest below U+0020; everything else is written as UTF-8.
 */
public final class JsonWriter {
  private JsonWriter() {}

  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder();
    writePretty(value, 0, out);
    return out.append('\n').toString();
  }

  /** @throws ArithmeticException when a number has no RFC 8785 form (beyond a double's range) */
  public static String jcs(JsonValue value) {
    StringBuilder out = new StringBuilder();
    writeJcs(value, out);
    return out.toString();
  }

  /**
   * Compact like RFC 8785 (no whitespace, the same escaping), but members in the order given and
   * numbers as written: one JSON line per record.
   */
  public static String jcsOrdered(JsonValue value) {
    StringBuilder out = new StringBuilder();
    writeFlat(value, ":", ",", out);
    return out.toString();
  }

  /** A one-line rendering with a space after {@code :} and {@code ,}: used for source literals. */
  public static String inline(JsonValue value) {
    StringBuilder out = new StringBuilder();
    writeFlat(value, ": ", ", ", out);
    return out.toString();
  }

  private static void writePretty(JsonValue value, int depth, StringBuilder out) {
    if (value instanceof JsonObject object) {
      if (object.members().isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        indent(depth + 1, out);
        writeString(member.getKey(), out);
        out.append(": ");
        writePretty(member.getValue(), depth + 1, out);
        out.append(++i < object.members().size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append('}');
    } else if (value instanceof JsonArray array) {
      if (array.elements().isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < array.elements().size(); i++) {
        indent(depth + 1, out);
        writePretty(array.elements().get(i), depth + 1, out);
        out.append(i + 1 < array.elements().size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append(']');
    } else {
      writeScalar(value, false, out);
    }
  }

  /** One line, members in order, numbers as written, with the given separators. */
  private static void writeFlat(JsonValue value, String colon, String comma, StringBuilder out) {
    if (value instanceof JsonObject object) {
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        out.append(separator);
        writeString(member.getKey(), out);
        out.append(colon);
        writeFlat(member.getValue(), colon, comma, out);
        separator = comma;
      }
      out.append('}');
    } else if (value instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.elements().size(); i++) {
        if (i > 0) {
          out.append(comma);
        }
        writeFlat(array.elements().get(i), colon, comma, out);
      }
      out.append(']');
    } else if (value instanceof JsonNumber number) {
      out.append(number.text());
    } else {
      writeScalar(value, false, out);
    }
  }

  private static void writeJcs(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject object) {
      List<String> keys = new ArrayList<>(object.members().keySet());
      keys.sort(String::compareTo); // String order is UTF-16 code unit order, as RFC 8785 says
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeString(keys.get(i), out);
        out.append(':');
        writeJcs(object.members().get(keys.get(i)), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.elements().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeJcs(array.elements().get(i), out);
      }
      out.append(']');
    } else {
      writeScalar(value, true, out);
    }
  }

  private static void writeScalar(JsonValue value, boolean jcs, StringBuilder out) {
    if (value instanceof JsonString string) {
      writeString(string.value(), out);
    } else if (value instanceof JsonNumber number) {
      out.append(jcs ? number.jcsText() : JsonNumber.canonicalText(number.decimal()));
    } else if (value instanceof JsonBoolean bool) {
      out.append(bool.value());
    } else if (value instanceof JsonNull) {
      out.append("null");
    } else {
      throw new IllegalArgumentException("not a scalar: " + value.kind());
    }
  }

  /**
   * A string literal: minimal escapes (RFC 8785), plus a {@code \\uXXXX} escape for a surrogate
   * that is not half of a pair. Such a string (a trace can hold one: {@code "\\ud800"}) cannot be
   * encoded in UTF-8; escaped, it stays valid JSON and reads back to the same string.
   */
  public static void writeString(String s, StringBuilder out) {
    out.append('"');
    int clean = 0; // characters from here up to the current one need no escape: appended in one go
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)) {
        continue; // the common case, first
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (paired) {
          i++;
          continue;
        }
        out.append(s, clean, i);
        clean = i + 1;
        out.append("\\u").append(Integer.toHexString(c));
        continue;
      }
      out.append(s, clean, i);
      clean = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
      }
    }
    out.append(s, clean, s.length());
    out.append('"');
  }

  private static void indent(int depth, StringBuilder out) {
    out.append("  ".repeat(depth));
  }
}
