package dev.mcppolicy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into {@link JsonValue}s with the line and column of every value. This is the one
 * place the project configures Jackson: strict duplicate detection and bounded nesting, number
 * length and string length, so hostile input gets a message rather than a stall.
 */
public final class JsonReader {
  public static final int MAX_NESTING = 64;
  public static final int MAX_NUMBER_LENGTH = 200;
  public static final int MAX_STRING_LENGTH = 1 << 20;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING + 1) // our own check below reports the exact place
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .build())
      .build();

  private JsonReader() {}

  /** Where a value starts; 1-based. */
  public record Location(int line, int column) {}

  /** A parsed document: the root and where each of its values starts (by identity). */
  public record Document(JsonValue root, Map<JsonValue, Location> locations) {
    public Location locationOf(JsonValue value) {
      return locations.getOrDefault(value, new Location(1, 1));
    }
  }

  /** Thrown for text that is not one well-formed JSON value within the limits. */
  public static final class JsonSyntaxException extends Exception {
    private final Location location;

    public JsonSyntaxException(String message, Location location) {
      super(message);
      this.location = location;
    }

    public Location location() {
      return location;
    }
  }

  public static Document read(String text) throws JsonSyntaxException {
    return read(text, true);
  }

  /** Reads one value without recording where each value starts (for trace lines: faster). */
  public static JsonValue value(String text) throws JsonSyntaxException {
    return read(text, false).root();
  }

  /** Reads one value from UTF-8 bytes in place, without locations. */
  public static JsonValue value(byte[] data, int offset, int length) throws JsonSyntaxException {
    return read(() -> FACTORY.createParser(data, offset, length), false).root();
  }

  /** A parser over some input: a string, or bytes in place. */
  @FunctionalInterface
  private interface Source {
    JsonParser open() throws IOException;
  }

  /**
   * Reads a top-level object field by field, building values inside the object field
   * {@code projected} only for the keys in {@code keep} (the rest is read and checked, but not
   * built). Null when the text is not an object: {@link #value} then says what it is or why it is
   * not JSON.
   */
  public static Map<String, JsonValue> object(byte[] data, int offset, int length, String projected,
      java.util.Set<String> keep) throws JsonSyntaxException {
    JsonParser parser;
    try {
      parser = FACTORY.createParser(data, offset, length);
    } catch (IOException e) {
      throw new JsonSyntaxException(e.getMessage(), new Location(1, 1));
    }
    try (parser) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Members fields = new Members(12);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        Location nameEnd = start(parser);
        JsonToken token = parser.nextToken();
        JsonValue value;
        if (name.equals(projected) && token == JsonToken.START_OBJECT) {
          value = projected(parser, keep, 3);
        } else {
          value = readValue(parser, null, 2);
        }
        if (!fields.add(name, value)) {
          throw new JsonSyntaxException("Duplicate field '" + name + "'", nameEnd);
        }
      }
      if (parser.nextToken() != null) {
        throw new JsonSyntaxException("unexpected content after the JSON document", here(parser));
      }
      return fields;
    } catch (IOException e) {
      throw syntaxError(e, parser);
    }
  }

  private static Document read(String text, boolean withLocations) throws JsonSyntaxException {
    return read(() -> FACTORY.createParser(text), withLocations);
  }

  private static Document read(Source source, boolean withLocations) throws JsonSyntaxException {
    Map<JsonValue, Location> locations = withLocations ? new IdentityHashMap<>() : null;
    JsonParser parser;
    try {
      parser = source.open();
    } catch (IOException e) {
      throw new JsonSyntaxException(e.getMessage(), new Location(1, 1));
    }
    try (parser) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonSyntaxException("the document is empty", new Location(1, 1));
      }
      JsonValue root = readValue(parser, locations, 1);
      if (parser.nextToken() != null) {
        throw new JsonSyntaxException("unexpected content after the JSON document", here(parser));
      }
      return new Document(root, locations == null ? Map.of() : locations);
    } catch (IOException e) {
      throw syntaxError(e, parser);
    }
  }

  private static JsonValue readValue(JsonParser parser, Map<JsonValue, Location> locations, int depth)
      throws IOException, JsonSyntaxException {
    // where the value starts: asked of the parser only when it is kept or reported (it allocates)
    Location at = locations != null ? start(parser) : null;
    if (depth > MAX_NESTING && parser.currentToken().isStructStart()) {
      throw new JsonSyntaxException("the JSON is nested more than " + MAX_NESTING + " levels deep", start(parser));
    }
    JsonValue value;
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        Members members = new Members(8);
        JsonToken token;
        while ((token = next(parser)) == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          if (members.containsKey(key)) {
            throw new JsonSyntaxException("Duplicate field '" + key + "'", start(parser)); // where its key starts
          }
          next(parser);
          members.add(key, readValue(parser, locations, depth + 1));
        }
        if (token != JsonToken.END_OBJECT) {
          throw new JsonSyntaxException("unexpected " + token + " in an object", here(parser));
        }
        value = new JsonObject(members.freeze());
      }
      case START_ARRAY -> {
        List<JsonValue> elements = new ArrayList<>();
        while (next(parser) != JsonToken.END_ARRAY) {
          elements.add(readValue(parser, locations, depth + 1));
        }
        value = new JsonArray(elements);
      }
      case VALUE_STRING -> {
        String text = parser.getText();
        if (text.length() > MAX_STRING_LENGTH) {
          throw new JsonSyntaxException("a string is longer than " + MAX_STRING_LENGTH + " characters", start(parser));
        }
        value = new JsonString(text);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        String numberText = parser.getText();
        // the limits are checked here too, not only by Jackson: its non-blocking parser does not
        if (numberText.length() > MAX_NUMBER_LENGTH) {
          throw new JsonSyntaxException("a number is longer than " + MAX_NUMBER_LENGTH + " characters", start(parser));
        }
        var problem = JsonNumber.rangeProblem(numberText);
        if (problem.isPresent()) {
          throw new JsonSyntaxException(problem.get(), start(parser));
        }
        value = new JsonNumber(numberText);
      }
      case VALUE_TRUE -> value = new JsonBoolean(true);
      case VALUE_FALSE -> value = new JsonBoolean(false);
      case VALUE_NULL -> value = new JsonNull();
      default -> throw new JsonSyntaxException("unexpected " + parser.currentToken(), start(parser));
    }
    if (locations != null) {
      locations.put(value, at);
    }
    return value;
  }

  /**
   * The next token, refusing the end of input: inside a value, a blocking parser would throw there,
   * and a non-blocking one says NOT_AVAILABLE (and leaves {@code currentToken()} on the previous
   * token, so a loop that reads {@code currentToken()} would never end).
   */
  static JsonToken next(JsonParser parser) throws IOException, JsonSyntaxException {
    JsonToken t = parser.nextToken();
    if (t == null || t == JsonToken.NOT_AVAILABLE) {
      throw new JsonSyntaxException("unexpected end of input", here(parser));
    }
    return t;
  }

  /**
   * Skips the value at the current token, checking it as JSON. Unlike {@code skipChildren}, it
   * fails on {@code NOT_AVAILABLE} (the end of what a non-blocking parser was fed) instead of
   * waiting for more. Strings are not measured: what is skipped is a line of a trace, which is at
   * most as many bytes as {@link #MAX_STRING_LENGTH} is characters, so none of its strings can be
   * longer (TraceReaderTest pins that), and measuring one would make the parser decode it.
   */
  static void skip(JsonParser parser, int atDepth) throws IOException, JsonSyntaxException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      if (token == JsonToken.NOT_AVAILABLE || token == null) {
        throw new JsonSyntaxException("unexpected end of input", here(parser));
      }
      if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
          && parser.getTextLength() > MAX_NUMBER_LENGTH) {
        throw new JsonSyntaxException("a number is longer than " + MAX_NUMBER_LENGTH + " characters", here(parser));
      }
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken t = parser.nextToken();
      if (t == null || t == JsonToken.NOT_AVAILABLE) {
        throw new JsonSyntaxException("unexpected end of input", here(parser));
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        if (atDepth + depth++ > MAX_NESTING) {
          throw new JsonSyntaxException("the JSON is nested more than " + MAX_NESTING + " levels deep", here(parser));
        }
      } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
          throw new JsonSyntaxException("a number is longer than " + MAX_NUMBER_LENGTH + " characters", here(parser));
        }
      } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        depth--;
      }
    }
  }

  /** The configured factory, for parsers that read lines (see {@link LineParser}). */
  /**
   * The object whose {@code START_OBJECT} is the parser's current token, with values built only
   * for the keys in {@code keep} (all when null), its members at nesting {@code depth}: the other
   * values are read and checked as JSON, not built, and duplicates among them go unnoticed. A
   * duplicate built key is reported where the key starts.
   */
  static JsonObject projected(JsonParser parser, java.util.Set<String> keep, int depth)
      throws IOException, JsonSyntaxException {
    Members members = new Members(keep == null ? 8 : Math.min(8, keep.size())); // it grows if it must
    JsonToken token;
    while ((token = next(parser)) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      boolean build = keep == null || keep.contains(key);
      if (build && members.containsKey(key)) {
        throw new JsonSyntaxException("Duplicate field '" + key + "'", start(parser));
      }
      next(parser);
      if (build) {
        members.add(key, readValue(parser, null, depth));
      } else {
        skip(parser, depth);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new JsonSyntaxException("unexpected " + token + " in an object", here(parser));
    }
    return new JsonObject(members.freeze());
  }

  static JsonFactory factory() {
    return FACTORY;
  }

  /** Reads the value at the parser's current token, without locations (for {@link LineParser}). */
  static JsonValue valueAt(JsonParser parser, int depth) throws IOException, JsonSyntaxException {
    return readValue(parser, null, depth);
  }

  private static Location start(JsonParser parser) {
    var l = parser.currentTokenLocation();
    return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static Location here(JsonParser parser) {
    var l = parser.currentLocation();
    return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static Location location(JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? new Location(1, 1) : new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  /** What the parser threw, as a syntax error located as precisely as the parser allows. */
  private static JsonSyntaxException syntaxError(IOException e, JsonParser parser) {
    if (e instanceof StreamConstraintsException limit) {
      // the limit is hit where the parser stands; the exception itself carries no location
      var l = parser.currentLocation();
      return new JsonSyntaxException(limitMessage(limit),
          new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr())));
    }
    if (e instanceof JsonProcessingException p) {
      return new JsonSyntaxException(cleanMessage(p.getOriginalMessage()), location(p));
    }
    return new JsonSyntaxException(e.getMessage(), new Location(1, 1));
  }

  private static String limitMessage(StreamConstraintsException e) {
    String m = e.getOriginalMessage();
    if (m.contains("nesting depth")) {
      return "the JSON is nested more than " + MAX_NESTING + " levels deep";
    }
    if (m.contains("Number value length")) {
      return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    if (m.contains("String value length")) {
      return "a string is longer than " + MAX_STRING_LENGTH + " characters";
    }
    return cleanMessage(m);
  }

  /** Jackson's messages mention its own types and settings; keep the part a user can act on. */
  private static String cleanMessage(String m) {
    if (m == null) {
      return "malformed JSON";
    }
    int cut = m.indexOf("\n");
    String first = cut >= 0 ? m.substring(0, cut) : m;
    // "(for Array starting at [Source: REDACTED (`...` disabled); line: 1, column: 22])": the place
    // is in the location already, and the nested parentheses end only at "])"
    first = first.replaceAll(" \\(for [^\\[]*\\[[^\\]]*\\]\\)", "").replaceAll(" \\(for [^)]*\\)", "").replaceAll("\\s*\\(through reference chain.*$", "")
        .replaceAll("\\s*\\(start marker at .*$", "");
    return first;
  }
}
