package dev.mcppolicy.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import java.io.IOException;
import java.util.Set;

/**
 * Reads the objects of many lines held in one byte array (a chunk of a JSON Lines file) with one
 * blocking parser, which is about a quarter faster than feeding a non-blocking parser line by line.
 * The caller finds where a line's object begins; this class reads it field by field and checks
 * that it ends on the same line, with nothing but white space after it. It is only ever a fast path: any
 * error, any line it cannot vouch for, throws {@link Decline}, drops the parser (the next line
 * starts a fresh one) and leaves the line to the careful path ({@link JsonReader#object}), which
 * produces the exact message. The limits are the careful path's.
 */
public final class ChunkParser implements AutoCloseable {
  /** This line needs the careful path. */
  public static final class Decline extends Exception {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  private final byte[] data;
  private final int limit;
  private JsonParser parser;
  /** Where the current parser started in {@link #data}: its byte offsets count from here. */
  private int base;
  /** Where the current parser stands in {@link #data}: just after the last object it read. */
  private int position;
  private int lineEnd;
  /** The line the current object starts on, as the parser counts lines. */
  private int row;

  /** Reads lines within {@code data[0 .. limit)}. */
  public ChunkParser(byte[] data, int limit) {
    this.data = data;
    this.limit = limit;
  }

  /**
   * Starts reading the object that opens at {@code from} ({@code data[from] == '{'}); the line it
   * is on ends where the object does, after white space, at a newline or the chunk's end.
   */
  public void begin(int from) throws Decline {
    if (parser != null && !blank(position, from)) {
      drop();
    }
    try {
      if (parser == null) {
        parser = JsonReader.factory().createParser(data, from, limit - from);
        base = from;
      }
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw decline();
      }
      row = ((ParserBase) parser).getTokenLineNr(); // as currentTokenLocation() says, without allocating one
    } catch (IOException | RuntimeException e) {
      throw decline();
    }
  }

  /**
   * The next field's name, or null at the end of the object, which must end its line: nothing but
   * white space may follow it before the newline, and it must not itself hold a newline.
   */
  public String field() throws Decline {
    try {
      JsonToken t = parser.nextToken();
      if (t == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() == null) {
          throw decline();
        }
        return name;
      }
      if (t != JsonToken.END_OBJECT) {
        throw decline();
      }
      JsonLocation here = parser.currentLocation(); // the token's own location is not kept for a '}'
      long end = base + here.getByteOffset();
      if (here.getLineNr() != row || end > limit) {
        throw decline();
      }
      int i = (int) end;
      while (i < limit && data[i] != '\n') {
        byte b = data[i++];
        if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
          throw decline();
        }
      }
      position = (int) end;
      lineEnd = i;
      return null;
    } catch (IOException | RuntimeException e) {
      throw decline();
    }
  }

  /** Where the line of the object just read ends: its newline, or the chunk's end. */
  public int lineEnd() {
    return lineEnd;
  }

  /** Reads a value from a string's characters, {@code chars[offset .. offset + length)}, which it must not keep. */
  @FunctionalInterface
  public interface CharsReader<T> {
    T read(char[] chars, int offset, int length);
  }

  /**
   * The field's value if it is a string, read by {@code reader} straight from the parser's
   * characters, with no String made; null if it is something else.
   */
  public <T> T string(CharsReader<T> reader) throws Decline {
    try {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      return reader.read(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    } catch (IOException | RuntimeException e) {
      throw decline();
    }
  }

  /** The field's value if it is a string; null if it is something else. */
  public String string() throws Decline {
    try {
      return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
    } catch (IOException | RuntimeException e) {
      throw decline();
    }
  }

  /** The field's value, built. */
  public JsonValue value() throws Decline {
    try {
      return JsonReader.valueAt(parser, 2);
    } catch (IOException | JsonReader.JsonSyntaxException | RuntimeException e) {
      throw decline();
    }
  }

  /**
   * The field's value if it is an object, built only for the keys in {@code keep} (all of them
   * when null): the others are read and checked, not built. Null if it is not an object.
   */
  public JsonObject object(Set<String> keep) throws Decline {
    try {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        return null;
      }
      return JsonReader.projected(parser, keep, 3);
    } catch (IOException | JsonReader.JsonSyntaxException | RuntimeException e) {
      throw decline();
    }
  }

  /**
   * Ends the chunk. Closing the parser gives its buffers back for the next chunk's parser and adds
   * the field names it met to the factory's table; without it, every chunk's parser met "ts",
   * "grant" and the rest as new names.
   */
  @Override
  public void close() {
    drop();
  }

  /** Gives up on the current line: the next one starts a fresh parser. */
  public Decline decline() {
    drop();
    return Decline.INSTANCE;
  }

  private void drop() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // a parser over a byte array has no input to close
      }
      parser = null;
    }
  }

  /** Whether {@code data[from .. to)} is white space to JSON (a parser skips it between values). */
  private boolean blank(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
