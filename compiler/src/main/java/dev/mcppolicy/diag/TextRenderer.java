package dev.mcppolicy.diag;

import java.util.List;

/**
 * Renders diagnostics for people: {@code file:line:col: severity[CODE]: message}, the source line,
 * a caret under the span, then help and notes. Colour only when asked for.
 */
public final class TextRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String BLUE = "\u001b[1;34m";
  private static final String CYAN = "\u001b[1;36m";

  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      render(d, out);
    }
    return out.toString();
  }

  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    render(d, out);
    return out.toString();
  }

  private void render(Diagnostic d, StringBuilder out) {
    d.location().ifPresent(l -> out.append(paint(BOLD, position(l))).append(": "));
    String severity = d.severity().word() + "[" + d.code().name() + "]";
    out.append(paint(d.isError() ? RED : YELLOW, severity)).append(": ")
        .append(paint(BOLD, d.message())).append('\n');
    d.location().ifPresent(l -> excerpt(l, out));
    d.help().ifPresent(h -> out.append("   ").append(paint(CYAN, "help")).append(": ").append(h).append('\n'));
    for (Diagnostic.Note note : d.notes()) {
      out.append("   ").append(paint(BLUE, "note")).append(": ").append(note.message())
          .append(" (").append(position(note.location())).append(")\n");
    }
  }

  public static String position(Diagnostic.Location l) {
    return l.file().name() + ":" + l.span().line() + ":" + l.span().column();
  }

  /** The most code points of a source line shown; a longer line is shown in a window around the caret. */
  static final int WINDOW = 120;
  private static final int BEFORE = 40;

  private void excerpt(Diagnostic.Location l, StringBuilder out) {
    Span span = l.span();
    String line = l.file().line(span.line());
    if (line.isBlank()) {
      return; // a caret under nothing says nothing
    }
    int[] cps = line.codePoints().toArray();
    int start = Math.min(span.column() - 1, cps.length);
    int end = span.endLine() == span.line() ? Math.min(span.endColumn() - 1, cps.length) : cps.length;
    // a long line (a minified file, a megabyte of one line) is shown from a little before the caret
    int from = cps.length <= WINDOW ? 0 : Math.max(0, Math.min(start - BEFORE, cps.length - WINDOW));
    int to = Math.min(cps.length, from + WINDOW);
    String before = from > 0 ? "..." : "";
    String number = Integer.toString(span.line());
    int width = Math.max(5, number.length() + 1);
    out.append(" ".repeat(width - number.length())).append(number).append(" | ").append(before)
        .append(printable(new String(cps, from, to - from))).append(to < cps.length ? "..." : "").append('\n');
    // Carets line up under code points; tabs before the span are copied so they line up too.
    StringBuilder pad = new StringBuilder(" ".repeat(before.length()));
    for (int i = from; i < Math.max(from, start); i++) {
      pad.append(cps[i] == '\t' ? '\t' : ' ');
    }
    int carets = Math.max(1, Math.min(end, to) - Math.max(start, from));
    out.append(" ".repeat(width)).append(" | ").append(pad)
        .append(paint(RED, "^".repeat(carets))).append('\n');
  }

  /** Control characters would garble a terminal; show them as U+FFFD. */
  private static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints().forEach(c -> out.appendCodePoint(c != '\t' && (c < 0x20 || c == 0x7f) ? 0xFFFD : c));
    return out.toString();
  }

  private String paint(String style, String text) {
    return color ? style + text + RESET : text;
  }
}
