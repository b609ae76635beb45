package dev.mcppolicy.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it: the JSON parser reads each line's UTF-8
 * bytes in place. A line is usually a slice of the read buffer (no copy); one that crosses the
 * buffer's end is gathered in a second buffer. No line is ever held beyond {@code maxLength}
 * bytes: a longer one is reported as too long and its rest skipped, so a hostile file cannot
 * exhaust memory.
 */
final class LineReader implements AutoCloseable {
  private final InputStream in;
  private final int maxLength;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] gathered = new byte[1 << 12];
  private byte[] array;
  private int offset;
  private int length;
  private int lineNumber;
  private boolean tooLong;

  LineReader(InputStream in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
  }

  /** Moves to the next line; false at the end of input. */
  boolean next() throws IOException {
    tooLong = false;
    int gatheredLength = 0;
    boolean gathering = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!gathering) {
            return false;
          }
          lineNumber++;
          return finish(gathered, 0, gatheredLength);
        }
      }
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      if (end < limit && !gathering) {
        // the whole line is in the buffer: hand out a slice of it
        int start = position;
        position = end + 1;
        lineNumber++;
        int n = end - start;
        if (n > maxLength) {
          tooLong = true;
          n = maxLength;
        }
        return finish(buffer, start, n);
      }
      gathering = true;
      int run = end - position;
      int take = Math.min(run, maxLength - gatheredLength);
      if (take < run) {
        tooLong = true;
      }
      if (take > 0) {
        if (gathered.length < gatheredLength + take) {
          gathered = java.util.Arrays.copyOf(gathered, Math.min(maxLength, Math.max(gathered.length * 2, gatheredLength + take)));
        }
        System.arraycopy(buffer, position, gathered, gatheredLength, take);
        gatheredLength += take;
      }
      if (end < limit) {
        position = end + 1;
        lineNumber++;
        return finish(gathered, 0, gatheredLength);
      }
      position = end;
    }
  }

  private boolean finish(byte[] data, int from, int n) {
    if (n > 0 && data[from + n - 1] == '\r') {
      n--;
    }
    array = data;
    offset = from;
    length = n;
    return true;
  }

  /** The current line's bytes: {@code array()[offset() .. offset() + length())}, valid until the next call. */
  byte[] array() {
    return array;
  }

  int offset() {
    return offset;
  }

  int length() {
    return length;
  }

  /** Whether the current line was cut at the limit. */
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
