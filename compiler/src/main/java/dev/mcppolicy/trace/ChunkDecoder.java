package dev.mcppolicy.trace;

import dev.mcppolicy.json.ChunkParser;
import dev.mcppolicy.json.LineParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a chunk of a trace (whole lines, none of them the header) into entries, exactly as
 * {@link TraceReader} would: each record line through {@link FastRecord} over one parser for the
 * chunk, and any line it declines through the careful path, line by line. One per thread.
 */
final class ChunkDecoder {
  private final String name;
  private final String headerGrant;
  private final Set<String> keep;
  private final LineParser lineParser = new LineParser();

  /** A chunk's entries, numbered from 1 at the chunk's first line, and how many lines it has. */
  record Decoded(List<TraceReader.Entry> entries, int lines) {}

  ChunkDecoder(String name, String headerGrant, Set<String> keep) {
    this.name = name;
    this.headerGrant = headerGrant;
    this.keep = keep;
  }

  /** The entries of the lines in {@code data[from .. limit)}; a line ends at a newline or at {@code limit}. */
  Decoded decode(byte[] data, int from, int limit) {
    ChunkParser parser = new ChunkParser(data, limit);
    List<TraceReader.Entry> out = new ArrayList<>(Math.max(16, (limit - from) / 200));
    int line = 0;
    int position = from;
    while (position < limit) {
      int end = position;
      while (end < limit && data[end] != '\n') {
        end++;
      }
      line++;
      if (end - position > TraceReader.MAX_LINE_LENGTH) {
        out.add(TraceReader.problem(name, line, JsonLines.tooLong()));
      } else {
        TraceReader.Entry e = entry(parser, line, data, position, end);
        if (e != null) {
          out.add(e);
        }
      }
      position = end + 1;
    }
    return new Decoded(out, line);
  }

  /** A line's entry; null for a blank or comment line. */
  private TraceReader.Entry entry(ChunkParser parser, int line, byte[] data, int from, int to) {
    int a = from;
    int b = to;
    while (a < b && JsonLines.isSpace(data[a])) {
      a++;
    }
    while (b > a && JsonLines.isSpace(data[b - 1])) {
      b--;
    }
    if (a == b || data[a] == '#') {
      return null;
    }
    if (data[a] == '{' && !JsonLines.looksUtf16or32(data, a, b)) {
      try {
        parser.begin(a, b);
        return new TraceReader.Entry(FastRecord.read(parser, line, headerGrant, keep), null);
      } catch (ChunkParser.Decline declined) {
        // the careful path below says what is wrong, or reads what the fast path does not
      }
    }
    JsonLines.Line read = JsonLines.parse(line, data, from, to, lineParser, keep);
    return read.problem() != null ? TraceReader.problem(name, line, read.problem())
        : TraceReader.record(name, headerGrant, line, read.value());
  }
}
