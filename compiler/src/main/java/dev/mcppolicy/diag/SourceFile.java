package dev.mcppolicy.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A source text with the name diagnostics show for it (a path relative to where the user works). */
public final class SourceFile {
  private final String name;
  private final String text;
  private final List<String> lines;

  public SourceFile(String name, String text) {
    this.name = Objects.requireNonNull(name);
    this.text = Objects.requireNonNull(text);
    this.lines = splitLines(text);
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** Line {@code n} (1-based) without its line end, or "" past the end. */
  public String line(int n) {
    return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
  }

  public int lineCount() {
    return lines.size();
  }

  private static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}
