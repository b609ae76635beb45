package dev.mcppolicy.syntax;

import java.util.Optional;

/** Decodes string literals (JSON escapes) and maps decoded positions back to the source. */
public final class Strings {
  private static final java.util.regex.Pattern BARE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

  private Strings() {}

  /** A tool name as source writes it: bare when the lexer reads it as a name, else a string literal. */
  public static String toolName(String name) {
    if (BARE_NAME.matcher(name).matches()) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    dev.mcppolicy.json.JsonWriter.writeString(name, out);
    return out.toString();
  }

  /** A bad escape or character: its code point offset in the raw text and why. */
  public record Problem(int rawOffset, int length, String message) {}

  /** The decoded value or the first problem. {@code raw} includes the quotes. */
  public static Decoded decode(String raw) {
    int end = raw.length() - 1; // before the closing quote
    if (end >= 1 && plain(raw, end)) {
      return new Decoded(raw.substring(1, end), null); // the common case, without a builder
    }
    StringBuilder out = new StringBuilder(raw.length());
    int cp = 1;
    for (int i = 1; i < end; ) {
      char c = raw.charAt(i);
      if (c == '\\') {
        if (i + 1 >= end) {
          return Decoded.problem(cp, 1, "a string cannot end with a lone '\\'");
        }
        char e = raw.charAt(i + 1);
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (i + 6 > end || !raw.substring(i + 2, i + 6).chars().allMatch(Strings::isHex)) {
              return Decoded.problem(cp, Math.min(6, end - i), "'\\u' needs four hex digits, as in '\\u00e9'");
            }
            out.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
            i += 6;
            cp += 6;
            continue;
          }
          default -> {
            int bad = raw.codePointAt(i + 1);
            return Decoded.problem(cp, 2, "invalid escape '\\" + new String(Character.toChars(bad))
                + "' (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
          }
        }
        i += 2;
        cp += 2;
      } else {
        int code = raw.codePointAt(i);
        if (code < 0x20) {
          return Decoded.problem(cp, 1, "control character U+" + String.format("%04X", code)
              + " in a string; write it as an escape");
        }
        out.appendCodePoint(code);
        i += Character.charCount(code);
        cp++;
      }
    }
    String value = out.toString();
    Optional<Integer> lone = loneSurrogate(value);
    if (lone.isPresent()) {
      return Decoded.problem(1 + rawOffset(raw, lone.get()), 6,
          "unpaired surrogate in a '\\u' escape; write the character itself or both halves of the pair");
    }
    return new Decoded(value, null);
  }

  /** Whether {@code raw[1 .. end)} is its own value: no escape, no control character, no surrogate. */
  private static boolean plain(String raw, int end) {
    for (int i = 1; i < end; i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The code point offset, after the opening quote, of decoded char index {@code index}. */
  public static int rawOffset(String raw, int index) {
    int decoded = 0;
    int cp = 0;
    int end = raw.length() - 1;
    for (int i = 1; i < end && decoded < index; ) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < end) {
        int len = raw.charAt(i + 1) == 'u' ? 6 : 2;
        i += len;
        cp += len;
        decoded += 1;
      } else {
        int code = raw.codePointAt(i);
        i += Character.charCount(code);
        cp++;
        decoded += Character.charCount(code);
      }
    }
    return cp;
  }

  private static Optional<Integer> loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of(i);
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The result of {@link #decode}: a value, or a problem. */
  public record Decoded(String value, Problem problem) {
    static Decoded problem(int rawOffset, int length, String message) {
      return new Decoded(null, new Problem(rawOffset, length, message));
    }

    public boolean ok() {
      return problem == null;
    }
  }
}
