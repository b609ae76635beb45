package dev.mcppolicy.trace;

import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonValue;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of JSON values, one per line, as every recorded source here is: UTF-8, blank lines and
 * {@code #} lines skipped, lines capped at {@link TraceReader#MAX_LINE_LENGTH} without being held
 * whole, JSON within the reader's limits. Each line is a value or the reason it is not one.
 */
final class JsonLines implements AutoCloseable {
  private final LineReader lines;
  private boolean broken;

  /** A line's number and its value, or the reason it has none. */
  record Line(int number, JsonValue value, String problem) {}

  JsonLines(Path file) throws IOException {
    this(Files.newInputStream(file));
  }

  JsonLines(java.io.InputStream in) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    this.lines = new LineReader(new InputStreamReader(in, decoder), TraceReader.MAX_LINE_LENGTH);
  }

  /** The next value or problem; null at the end, or after bytes that are not UTF-8 (reported once). */
  Line next() throws IOException {
    while (!broken) {
      String line;
      try {
        line = lines.next();
      } catch (CharacterCodingException e) {
        broken = true;
        return new Line(lines.lineNumber() + 1, null, "the file is not valid UTF-8 text");
      }
      if (line == null) {
        return null;
      }
      int number = lines.lineNumber();
      if (lines.lastWasTooLong()) {
        return new Line(number, null, "the line is longer than " + TraceReader.MAX_LINE_LENGTH + " characters");
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        return new Line(number, JsonReader.value(trimmed), null);
      } catch (JsonReader.JsonSyntaxException e) {
        return new Line(number, null, "not valid JSON (column " + e.location().column() + "): " + e.getMessage());
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
