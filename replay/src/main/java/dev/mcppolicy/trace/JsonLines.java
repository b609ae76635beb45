package dev.mcppolicy.trace;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A file of JSON values, one per line, as every recorded source here is: blank lines and
 * {@code #} lines skipped, lines capped at {@link TraceReader#MAX_LINE_LENGTH} bytes without being
 * held whole, each line parsed from its UTF-8 bytes in place (the parser rejects malformed UTF-8),
 * JSON within the reader's limits. Each line is a value or the reason it is not one.
 */
final class JsonLines implements AutoCloseable {
  private final LineReader lines;
  private final dev.mcppolicy.json.LineParser fast = new dev.mcppolicy.json.LineParser();
  /** With a projection: argument values are built only for these keys (the policy reads no others). */
  private Set<String> keep;

  /** A line's number and its value, or the reason it has none. */
  record Line(int number, JsonValue value, String problem) {}

  JsonLines(Path file) throws IOException {
    this(Files.newInputStream(file));
  }

  JsonLines(InputStream in) {
    this.lines = new LineReader(in, TraceReader.MAX_LINE_LENGTH);
  }

  JsonLines project(Set<String> argumentKeys) {
    this.keep = argumentKeys;
    return this;
  }

  /** The next value or problem; null at the end. */
  Line next() throws IOException {
    while (lines.next()) {
      int number = lines.lineNumber();
      if (lines.lastWasTooLong()) {
        return new Line(number, null, tooLong());
      }
      Line line = parse(number, lines.array(), lines.offset(), lines.offset() + lines.length(), fast, keep);
      if (line != null) {
        return line;
      }
    }
    return null;
  }

  /**
   * One line's value or problem, from its bytes {@code a[from .. to)} (without the newline); null
   * for a blank or {@code #} line. {@code fast} reads the common case, the careful path the rest;
   * with {@code keep}, argument values are built only for those keys.
   */
  static Line parse(int number, byte[] a, int from, int to, dev.mcppolicy.json.LineParser fast, Set<String> keep) {
    while (from < to && isSpace(a[from])) {
      from++;
    }
    while (to > from && isSpace(a[to - 1])) {
      to--;
    }
    if (from == to || a[from] == '#') {
      return null;
    }
    if (looksUtf16or32(a, from, to)) {
      return new Line(number, null, "the line is not valid UTF-8 text");
    }
    if (a[from] == '{') {
      // the common case: one well-formed object, read by a reused parser; anything else falls
      // through to the careful path below, which gives the exact message
      Map<String, JsonValue> fields = fast.object(a, from, to - from, keep == null ? null : "arguments", keep);
      if (fields != null) {
        return new Line(number, new JsonObject(fields), null);
      }
    }
    try {
      if (keep != null) {
        Map<String, JsonValue> fields = JsonReader.object(a, from, to - from, "arguments", keep);
        if (fields != null) {
          return new Line(number, new JsonObject(fields), null);
        }
      }
      return new Line(number, JsonReader.value(a, from, to - from), null);
    } catch (JsonReader.JsonSyntaxException e) {
      String message = e.getMessage() != null && e.getMessage().startsWith("Invalid UTF-8")
          ? "the line is not valid UTF-8 text" : "not valid JSON (column " + e.location().column() + "): " + e.getMessage();
      return new Line(number, null, message);
    }
  }

  /** Where the line that starts at {@code from} ends: its newline, or {@code limit}. */
  static int lineEnd(byte[] data, int from, int limit) {
    int end = from;
    while (end < limit && data[end] != '\n') {
      end++;
    }
    return end;
  }

  static String tooLong() {
    return "the line is longer than " + TraceReader.MAX_LINE_LENGTH + " bytes";
  }

  /**
   * The JSON parser guesses UTF-16 or UTF-32 from a zero byte or a byte order mark in the first
   * four bytes; traces are UTF-8, so such a line is refused rather than read in another encoding.
   */
  static boolean looksUtf16or32(byte[] a, int from, int to) {
    if (to - from >= 2 && ((a[from] == (byte) 0xFE && a[from + 1] == (byte) 0xFF)
        || (a[from] == (byte) 0xFF && a[from + 1] == (byte) 0xFE))) {
      return true;
    }
    for (int i = from; i < Math.min(to, from + 4); i++) {
      if (a[i] == 0) {
        return true;
      }
    }
    return false;
  }

  static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
