package dev.mcppolicy.report;

/**
 * Text from a trace or policy, made safe to print in a report for people: control characters
 * (ESC, CR, LF, C1), line and paragraph separators and bidirectional overrides become visible
 * escapes ({@code \n}, {@code \u001b}), so a recorded value can neither clear a terminal nor
 * forge a report line. Everything else is printed as it is.
 */
public final class Escapes {
  private Escapes() {}

  public static String line(String s) {
    int i = 0;
    while (i < s.length() && !unsafe(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s; // the common case: nothing to escape
    }
    StringBuilder out = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append("\\u").append(String.format(java.util.Locale.ROOT, "%04x", (int) c));
      }
    }
    return out.toString();
  }

  /**
   * Text as XML 1.0 can hold it, for any XML report: it holds neither most control characters
   * nor unpaired surrogates, which become U+FFFD. Markup characters are the writer's to escape.
   */
  public static String forXml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        out.append(c).append(s.charAt(++i));
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean unsafe(char c) {
    return c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029
        || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
  }
}
