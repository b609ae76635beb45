package dev.mcppolicy.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Reads many lines, each holding one JSON object, with one reused non-blocking parser (fed one
 * line at a time) instead of a new parser per line. It only ever accepts a line that is exactly
 * one complete, well-formed object; for anything else (an error, an incomplete line, trailing
 * content, another kind of value) it answers null and starts a fresh parser, and the caller
 * reads that line the careful way ({@link JsonReader#object}, {@link JsonReader#value}), which
 * produces the exact message. The limits and checks are the same as the careful way's.
 */
public final class LineParser {
  private JsonParser parser;
  /** Bytes fed to the current parser before this line: its byte offsets count from its start. */
  private long fed;

  public LineParser() {
    reset();
  }

  /**
   * The fields of the object on this line, building the values inside field {@code projected}
   * only for the keys in {@code keep} ({@code projected} null: build everything); null when the
   * line needs the careful path.
   */
  public Map<String, JsonValue> object(byte[] data, int offset, int length, String projected, Set<String> keep) {
    if (mayHoldNegativeZero(data, offset, length)) {
      return null; // Jackson's non-blocking parser reads the integer -0 as "0": the careful path keeps "-0"
    }
    try {
      long before = fed;
      ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(data, offset, offset + length);
      fed += length;
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return fail();
      }
      Members fields = new Members(12);
      JsonToken token;
      while ((token = JsonReader.next(parser)) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken valueToken = JsonReader.next(parser);
        JsonValue value;
        if (projected != null && name.equals(projected) && valueToken == JsonToken.START_OBJECT) {
          value = JsonReader.projected(parser, keep, 3);
        } else {
          value = JsonReader.valueAt(parser, 2);
        }
        if (!fields.add(name, value)) {
          return fail();
        }
      }
      if (token != JsonToken.END_OBJECT) {
        return fail();
      }
      // exactly one object, and nothing but white space after it on the line: checked by position,
      // since a non-blocking parser waits (NOT_AVAILABLE) on the start of a number or a string
      long end = parser.currentLocation().getByteOffset() - before;
      if (end <= 0 || end > length) {
        return fail();
      }
      for (int i = offset + (int) end; i < offset + length; i++) {
        byte b = data[i];
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return fail();
        }
      }
      return fields;
    } catch (IOException | JsonReader.JsonSyntaxException | RuntimeException e) {
      return fail();
    }
  }

  /**
   * Whether the line holds {@code -0} not followed by a digit, a point or an exponent: the integer
   * {@code -0}, whose sign Jackson's non-blocking parser drops (2.20), or the same bytes in a
   * string, which the careful path reads just as well.
   */
  static boolean mayHoldNegativeZero(byte[] data, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i + 1 < end; i++) {
      if (data[i] == '-' && data[i + 1] == '0') {
        byte next = i + 2 < end ? data[i + 2] : (byte) ' ';
        if (!(next >= '0' && next <= '9' || next == '.' || next == 'e' || next == 'E')) {
          return true;
        }
      }
    }
    return false;
  }

  private Map<String, JsonValue> fail() {
    reset();
    return null;
  }

  private void reset() {
    try {
      if (parser != null) {
        parser.close();
      }
      parser = JsonReader.factory().createNonBlockingByteArrayParser();
      fed = 0;
    } catch (IOException e) {
      throw new IllegalStateException("a non-blocking parser cannot fail to start", e);
    }
  }
}
