package dev.mcppolicy.trace;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines without ever holding more than {@code maxLength} characters of one: a longer line
 * is reported as too long and its rest skipped, so a hostile file cannot exhaust memory.
 */
final class LineReader implements AutoCloseable {
  private final Reader in;
  private final int maxLength;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private int lineNumber;
  private boolean tooLong;
  private final StringBuilder line = new StringBuilder(256);

  LineReader(Reader in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
  }

  /** The next line without its end, or null at the end of input. */
  String next() throws IOException {
    line.setLength(0);
    tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          lineNumber++;
          return line.toString();
        }
      }
      any = true;
      char c = buffer[position++];
      if (c == '\n') {
        lineNumber++;
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() < maxLength) {
        line.append(c);
      } else {
        tooLong = true;
      }
    }
  }

  /** Whether the line just returned was cut at the limit. */
  boolean lastWasTooLong() {
    return tooLong;
  }

  int lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
