package dev.mcppolicy.diag;

import java.util.Arrays;
import java.util.Objects;

/** A source text with the name diagnostics show for it (a path relative to where the user works). */
public final class SourceFile {
  private final String name;
  private final String text;
  /**
   * Where each line starts, and one more entry: where the text after the last line would start
   * (the last line has no line end). Lines are cut from the text only when asked for.
   */
  private final int[] starts;

  public SourceFile(String name, String text) {
    this.name = Objects.requireNonNull(name);
    this.text = Objects.requireNonNull(text);
    this.starts = lineStarts(text);
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** Line {@code n} (1-based) without its line end, or "" past the end. */
  public String line(int n) {
    if (n < 1 || n >= starts.length) {
      return "";
    }
    int from = starts[n - 1];
    if (n == starts.length - 1) {
      return text.substring(from); // the last line has no line end
    }
    int end = starts[n] - 1; // the line end's last character: "\n" or "\r", or the "\n" of "\r\n"
    if (end > from && text.charAt(end) == '\n' && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(from, end);
  }

  public int lineCount() {
    return starts.length - 1;
  }

  /**
   * The start of each line, then {@code text.length() + 1}. A line ends at "\n", "\r" or "\r\n".
   * The ends are found with {@link String#indexOf(int, int)}: the JDK's own start-up has usually
   * compiled it already, while a loop of ours over every character would still be interpreted
   * (a policy is read once, early in a short run).
   */
  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int count = 0;
    int start = 0;
    int nextNewline = text.indexOf('\n');
    int nextReturn = text.indexOf('\r');
    while (true) {
      if (count + 1 >= starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      starts[count++] = start;
      if (nextNewline < 0 && nextReturn < 0) {
        break;
      }
      int end;
      if (nextReturn >= 0 && (nextNewline < 0 || nextReturn < nextNewline)) {
        end = nextReturn + 1 < text.length() && text.charAt(nextReturn + 1) == '\n' ? nextReturn + 1 : nextReturn;
      } else {
        end = nextNewline;
      }
      start = end + 1;
      if (nextNewline >= 0 && nextNewline < start) {
        nextNewline = text.indexOf('\n', start);
      }
      if (nextReturn >= 0 && nextReturn < start) {
        nextReturn = text.indexOf('\r', start);
      }
    }
    starts[count++] = text.length() + 1;
    return Arrays.copyOf(starts, count);
  }

  @Override
  public String toString() {
    return name;
  }
}
