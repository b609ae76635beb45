package dev.mcppolicy.trace;

import dev.mcppolicy.json.LineParser;
import dev.mcppolicy.trace.scan.LineScanner;
import dev.mcppolicy.time.Instants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a chunk of a trace (whole lines, none of them the header) into entries, exactly as
 * {@link TraceReader} would: each record line through {@link FastRecord} over the thread's
 * {@link LineScanner}, and any line it declines through the careful path, line by line. One per thread.
 */
final class ChunkDecoder {
  private final String name;
  private final String headerGrant;
  private final LineParser lineParser = new LineParser();
  private final LineScanner scanner = new LineScanner();
  /** Timestamps, read on this thread: most share the minute of the one before. */
  private final Instants.Reader instants = new Instants.Reader();
  private final LineScanner.AsciiReader<java.time.Instant> asciiInstants = instants::read;
  private final LineScanner.CharsReader<java.time.Instant> charInstants = instants::read;
  /** For the chunk being decoded: the argument keys to build (null: all). */
  private Set<String> keep;

  /**
   * A chunk's entries, numbered from 1 at the chunk's first line, and how many lines it has; with a
   * stage, {@code staged[i]} is what it made of {@code entries.get(i)} (null for a problem), else
   * {@code staged} is null.
   */
  record Decoded(List<TraceReader.Entry> entries, Object[] staged, int lines) {}

  ChunkDecoder(String name, String headerGrant) {
    this.name = name;
    this.headerGrant = headerGrant;
  }

  /**
   * The entries of the lines in {@code data[from .. limit)}; a line ends at a newline or at
   * {@code limit}. Only the argument keys in {@code keep} are built (null: all); with a stage,
   * each record also goes through it, on this thread.
   */
  Decoded decode(byte[] data, int from, int limit, Set<String> keep, Stage stage) {
    this.keep = keep;
    List<TraceReader.Entry> out = new ArrayList<>(Math.max(16, (limit - from) / 128));
    scanner.chunk(data, limit);
    int lines = read(data, from, limit, out);
    return new Decoded(out, stage == null ? null : staged(out, stage), lines);
  }

  /** Reads the lines of {@code data[from .. limit)} into {@code out}; the number of lines read. */
  private int read(byte[] data, int from, int limit, List<TraceReader.Entry> out) {
    int line = 0;
    int position = from;
    while (position < limit) {
      line++;
      // the common case: a record, read without looking for the line's end first (the scanner finds it)
      int start = position;
      while (start < limit && JsonLines.isSpace(data[start])) {
        start++;
      }
      if (start < limit && data[start] == '{' && !JsonLines.looksUtf16or32(data, start, Math.min(limit, start + 4))) {
        try {
          scanner.begin(start);
          TraceRecord r = FastRecord.read(scanner, line, headerGrant, keep, asciiInstants, charInstants);
          if (scanner.lineEnd() - position <= TraceReader.MAX_LINE_LENGTH) {
            out.add(new TraceReader.Entry(r, null));
            position = scanner.lineEnd() + 1;
            continue;
          }
        } catch (LineScanner.Decline declined) {
          // the careful path below says what is wrong, or reads what the fast path does not
        }
      }
      int end = JsonLines.lineEnd(data, position, limit);
      if (end - position > TraceReader.MAX_LINE_LENGTH) {
        out.add(TraceReader.problem(name, line, JsonLines.tooLong()));
      } else {
        TraceReader.Entry e = careful(line, data, position, end);
        if (e != null) {
          out.add(e);
        }
      }
      position = end + 1;
    }
    return line;
  }

  /** A line's entry read the careful way; null for a blank or comment line. */
  private TraceReader.Entry careful(int line, byte[] data, int from, int to) {
    JsonLines.Line read = JsonLines.parse(line, data, from, to, lineParser, keep);
    if (read == null) {
      return null;
    }
    if (read.problem() != null) {
      return TraceReader.problem(name, line, read.problem());
    }
    return TraceReader.record(name, headerGrant, line, read.value());
  }

  /**
   * Each record through the stage, in a pass of its own after the chunk is read: the reading
   * loop and the stage's code then each run hot (decoding and preparing the decisions of calls-2m
   * on one warm thread took 1,291 ms this way, 1,449 ms preparing each record as it was read).
   */
  private static Object[] staged(List<TraceReader.Entry> entries, Stage stage) {
    Object[] staged = new Object[entries.size()];
    for (int i = 0; i < staged.length; i++) {
      TraceRecord r = entries.get(i).record();
      if (r != null) {
        staged[i] = stage.apply(r.call());
      }
    }
    return staged;
  }
}
