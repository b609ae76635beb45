package dev.mcppolicy.trace.scan;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Reads the objects of JSON Lines straight from their UTF-8 bytes, for the records of a trace: a
 * fast path only. It accepts strict JSON (RFC 8259) within the careful path's limits, in a subset
 * of forms, and builds exactly the values {@link JsonReader} builds from them; for anything else
 * (a syntax error, malformed UTF-8, a line it cannot vouch for) it throws {@link Decline}, and the
 * careful path, Jackson, reads the line again and says what is wrong. Declining is always safe;
 * accepting differently never is, and a fuzz target compares the two paths on every input.
 *
 * <p>Why not Jackson here: a trace record's fields are known in advance, most of its argument
 * values are skipped, and its short strings (grants, tools, keys) repeat on every line. This class
 * reads and checks every field of a record in less time than Jackson's parser takes only to
 * tokenize it, and the few small methods it needs reach the JIT's optimizing compiler sooner
 * (docs/performance.md).
 *
 * <p>A scanner is reused for chunk after chunk on one thread; its strings of up to
 * {@link #CACHED} bytes come from a small table, so a grant or tool name met again costs no new
 * String and keeps its hash.
 */
public final class LineScanner {
  /** This line needs the careful path. */
  public static final class Decline extends Exception {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  /** What to throw for a line the caller will not vouch for either. */
  public static Decline decline() {
    return Decline.INSTANCE;
  }

  /** {@link #field}'s answer at the end of the object. */
  public static final int END = -1;
  /** Strings up to this many bytes are looked up in the table of strings met before. */
  static final int CACHED = 32;
  private static final int TABLE_BITS = 10;
  private static final int TABLE = 1 << TABLE_BITS;

  private byte[] data = new byte[0];
  private int limit;
  /** The next byte to read. */
  private int pos;
  private int lineEnd;
  private boolean firstField;
  /** The last string scanned: its bytes {@code data[stringFrom .. stringTo)}, and how they read. */
  private int stringFrom;
  private int stringTo;
  private boolean stringEscaped;
  private boolean stringAscii;
  /** The table's slot of the last string {@link #stringValue} looked up there. */
  private int stringSlot;
  private char[] chars = new char[64];
  private final byte[][] tableBytes = new byte[TABLE][];
  private final String[] tableStrings = new String[TABLE];
  /** The keys {@link #object} builds: the set last asked for, its members and their UTF-8 bytes. */
  private Set<String> kept;
  /** The set last passed to {@link #object}, as it was passed: met again, it is not compared. */
  private Set<String> keptAsGiven;
  private String[] keptStrings = new String[0];
  private byte[][] keptBytes = new byte[0][];
  /** For {@link #read}: the containers being built, and their keys, by level. */
  private final Object[] open = new Object[JsonReader.MAX_NESTING + 2];
  /**
   * For {@link #read}: the elements of the arrays being built, by level, in buffers reused from
   * line to line; an array is made an immutable list once, when it closes.
   */
  private final JsonValue[][] elements = new JsonValue[JsonReader.MAX_NESTING + 2][];
  private final int[] counts = new int[JsonReader.MAX_NESTING + 2];
  private final String[] keys = new String[JsonReader.MAX_NESTING + 2];

  /** Reads lines within {@code data[0 .. limit)} from now on. */
  public void chunk(byte[] data, int limit) {
    this.data = data;
    this.limit = limit;
  }

  /**
   * Starts reading the object that opens at {@code from} ({@code data[from] == '{'}); its line
   * ends after the object, white space and a newline (or the chunk's end).
   */
  public void begin(int from) {
    pos = from + 1;
    firstField = true;
  }

  /**
   * The next field's index in {@code names}, with the scanner on its value; {@link #END} at the
   * end of the object, which must end its line (only white space may follow it). Declines a name
   * not in {@code names}: a record has no other fields.
   */
  public int field(byte[][] names) throws Decline {
    skipSpace();
    byte b = peek();
    if (b == '}') {
      pos++;
      return end();
    }
    if (!firstField) {
      if (b != ',') {
        throw Decline.INSTANCE;
      }
      pos++;
      skipSpace();
      b = peek();
    }
    firstField = false;
    if (b != '"') {
      throw Decline.INSTANCE;
    }
    int from = pos + 1;
    int i = from;
    while (i < limit && data[i] != '"' && data[i] != '\\' && data[i] >= 0x20) {
      i++;
    }
    if (i >= limit || data[i] != '"') {
      throw Decline.INSTANCE; // an escaped or unusual name is no name a record has
    }
    int found = indexOf(names, from, i);
    if (found < 0) {
      throw Decline.INSTANCE;
    }
    pos = i + 1;
    colon();
    return found;
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
   * Reads a value from a string's bytes, {@code ascii[offset .. offset + length)}: each one an
   * ASCII character, the string having no escapes. It must not keep them.
   */
  @FunctionalInterface
  public interface AsciiReader<T> {
    T read(byte[] ascii, int offset, int length);
  }

  /**
   * The field's value if it is a string, read from its characters by {@code reader}, or, when it
   * has only ASCII characters and no escapes (a timestamp, nearly always), straight from its bytes
   * by {@code ascii}, not decoded first; null if it is something else.
   */
  public <T> T string(AsciiReader<T> ascii, CharsReader<T> reader) throws Decline {
    if (peek() != '"') {
      return null;
    }
    scanString();
    if (stringAscii && !stringEscaped) {
      return ascii.read(data, stringFrom, stringTo - stringFrom);
    }
    int n = decode();
    return reader.read(chars, 0, n);
  }

  /** The field's value if it is a string; null if it is something else. */
  public String string() throws Decline {
    if (peek() != '"') {
      return null;
    }
    scanString();
    return stringValue();
  }

  /** The field's value, built as {@link JsonReader} builds it at nesting 2. */
  public JsonValue value() throws Decline {
    return read(2, true);
  }

  /**
   * The field's value if it is an object, built only for the keys in {@code keep} (all of them
   * when null): the others are read and checked, not built. Null if it is not an object. A key
   * that is not built is compared as bytes and never made a String. The scanner keeps the bytes
   * of the last {@code keep} it was given, and a copy of it: the same set, or an equal one, is not
   * prepared again (a set must not change while it is being passed here).
   */
  public JsonObject object(Set<String> keep) throws Decline {
    if (peek() != '{') {
      return null;
    }
    pos++;
    if (keep != keptAsGiven) {
      keptAsGiven = keep;
      if (!java.util.Objects.equals(keep, kept)) {
        keepOnly(keep);
      }
    }
    JsonObject.Builder members = new JsonObject.Builder(keep == null ? 8 : Math.min(8, keep.size()));
    if (opens('}')) {
      do {
        expect('"');
        scanString();
        String key;
        if (keep == null) {
          key = stringValue();
        } else if (!stringEscaped) {
          key = keptKey();
        } else {
          key = stringValue(); // an escaped key: rare, and compared as text
          key = keep.contains(key) ? key : null;
        }
        colon();
        if (key == null) {
          read(3, false);
        } else if (!members.add(key, read(3, true))) {
          throw Decline.INSTANCE; // a duplicate key, which the careful path reports
        }
      } while (nextMember('}'));
    }
    return members.build();
  }

  /** Makes {@code keep} the keys {@link #keptKey} knows. */
  private void keepOnly(Set<String> keep) {
    kept = keep == null ? null : Set.copyOf(keep);
    keptStrings = keep == null ? new String[0] : keep.toArray(new String[0]);
    keptBytes = new byte[keptStrings.length][];
    for (int i = 0; i < keptStrings.length; i++) {
      keptBytes[i] = keptStrings[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The key just scanned (without escapes) if it is one to build: its String from the set; else null. */
  private String keptKey() {
    int k = indexOf(keptBytes, stringFrom, stringTo);
    return k < 0 ? null : keptStrings[k];
  }

  /**
   * Reads the value at {@link #pos}, at nesting {@code depth}, checking it as the careful path
   * would; builds it when {@code build}, else returns null and allocates nothing. It is one loop
   * rather than a recursion, so that the JIT compiles it once instead of inlining copies of it into
   * itself: level k (from 1) is the k-th container open, {@code open[k]} its members so far (an
   * object) or {@code elements[k]} and {@code counts[k]} its elements (an array), {@code keys[k]}
   * the key of its member being read, and bit k of {@code arrays} says whether it is an array.
   * The nesting limit keeps k under 64.
   */
  private JsonValue read(int depth, boolean build) throws Decline {
    int level = 0;
    long arrays = 0;
    JsonValue value = null;
    boolean whole = false; // whether a value has just been read whole (else the scanner is on one)
    while (true) {
      if (!whole) {
        byte b = peek();
        if (b == '{' || b == '[') {
          nested(depth + level);
          level++;
          if (b == '[') {
            arrays |= 1L << level;
            open[level] = null;
            counts[level] = 0;
            if (opens(']')) {
              continue;
            }
          } else {
            arrays &= ~(1L << level);
            open[level] = build ? new JsonObject.Builder(8) : null;
            if (opens('}')) {
              key(level, build);
              continue;
            }
          }
          value = build ? close(level) : null; // an empty container, read whole
          level--;
        } else if (b == '"') {
          scanString();
          value = build ? new JsonString(stringValue()) : null;
        } else if (b == 't') {
          literal(TRUE);
          value = build ? new JsonBoolean(true) : null;
        } else if (b == 'f') {
          literal(FALSE);
          value = build ? new JsonBoolean(false) : null;
        } else if (b == 'n') {
          literal(NULL);
          value = build ? new JsonNull() : null;
        } else {
          int from = pos;
          boolean plain = number();
          value = build ? number(from, plain) : null;
        }
        whole = true;
      }
      // a value read whole: add it to its container, then go on to the next member or element,
      // or close the container, which is then the value read whole
      if (level == 0) {
        return value;
      }
      boolean array = (arrays & 1L << level) != 0;
      if (build) {
        add(level, array, value);
      }
      if (nextMember(array ? ']' : '}')) {
        if (!array) {
          key(level, build);
        }
        whole = false;
      } else {
        value = build ? close(level) : null;
        level--;
      }
    }
  }

  /** A member's key at {@code level}, kept when building, and its colon: the scanner is then on the value. */
  private void key(int level, boolean build) throws Decline {
    expect('"');
    scanString();
    if (build) {
      keys[level] = stringValue();
    }
    colon();
  }

  private void add(int level, boolean array, JsonValue value) throws Decline {
    if (array) {
      JsonValue[] buffer = elements[level];
      int n = counts[level];
      if (buffer == null || n == buffer.length) {
        buffer = elements[level] = buffer == null ? new JsonValue[8] : java.util.Arrays.copyOf(buffer, n * 2);
      }
      buffer[n] = value;
      counts[level] = n + 1;
    } else if (!((JsonObject.Builder) open[level]).add(keys[level], value)) {
      throw Decline.INSTANCE; // a duplicate key, which the careful path reports
    }
  }

  /** The container at {@code level}, finished; it is no longer held. */
  private JsonValue close(int level) {
    Object container = open[level];
    open[level] = null;
    keys[level] = null;
    return container instanceof JsonObject.Builder object ? object.build() : new JsonArray(elements(level));
  }

  /** The elements of the array at {@code level} as an immutable list (which JsonArray keeps as it is); the buffer lets go of them. */
  private List<JsonValue> elements(int level) {
    JsonValue[] buffer = elements[level];
    int n = counts[level];
    List<JsonValue> list = switch (n) {
      case 0 -> List.of();
      case 1 -> List.of(buffer[0]);
      case 2 -> List.of(buffer[0], buffer[1]);
      default -> List.of(java.util.Arrays.copyOf(buffer, n));
    };
    if (n > 0) {
      java.util.Arrays.fill(buffer, 0, n, null);
    }
    return list;
  }

  /**
   * The number just read, {@code data[from .. pos)}: an integer of up to 18 digits as its long
   * (its text, which the grammar makes {@code Long.toString}'s, is written only if asked), any
   * other number as its text.
   */
  private JsonNumber number(int from, boolean plain) throws Decline {
    int negative = data[from] == '-' ? 1 : 0;
    if (plain && pos - from - negative <= 18) {
      long value = 0;
      for (int i = from + negative; i < pos; i++) {
        value = value * 10 + (data[i] - '0');
      }
      return JsonNumber.ofPlain(negative == 1 ? -value : value);
    }
    String text = new String(data, from, pos - from, StandardCharsets.ISO_8859_1);
    if (!plain && JsonNumber.rangeProblem(text).isPresent()) {
      throw Decline.INSTANCE;
    }
    return new JsonNumber(text);
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private void nested(int depth) throws Decline {
    if (depth > JsonReader.MAX_NESTING) {
      throw Decline.INSTANCE;
    }
    pos++;
  }

  /** After a '{' or '[': whether the container has members (else it is closed at {@code close}, and read). */
  private boolean opens(char close) throws Decline {
    skipSpace();
    if (peek() == close) {
      pos++;
      return false;
    }
    return true;
  }

  /** After a member or element: true at a ',' (read), false at {@code close} (read). */
  private boolean nextMember(char close) throws Decline {
    skipSpace();
    byte b = peek();
    pos++;
    if (b == ',') {
      skipSpace();
      return true;
    }
    if (b != close) {
      throw Decline.INSTANCE;
    }
    return false;
  }

  private void colon() throws Decline {
    skipSpace();
    expect(':');
    pos++;
    skipSpace();
  }

  private void expect(char c) throws Decline {
    if (peek() != c) {
      throw Decline.INSTANCE;
    }
  }

  /** Ends the object: the rest of the line must be white space. */
  private int end() throws Decline {
    int i = pos;
    while (i < limit && data[i] != '\n') {
      byte b = data[i++];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
        throw Decline.INSTANCE;
      }
    }
    lineEnd = i;
    return END;
  }

  /** Where the bytes {@code data[from .. to)} are in {@code names}; -1 if they are none of them. */
  private int indexOf(byte[][] names, int from, int to) {
    int n = to - from;
    for (int k = 0; k < names.length; k++) {
      byte[] name = names[k];
      if (name.length == n && same(name, from)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Whether {@code data} holds all of {@code bytes} from {@code from} (which the caller has
   * checked is in range). A plain loop: the names and keys compared here are short, and
   * {@code Arrays.equals} costs a range check and an out-of-line call before its first byte.
   */
  private boolean same(byte[] bytes, int from) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != data[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** The byte at {@link #pos}; declines at the end of the chunk. */
  private byte peek() throws Decline {
    if (pos >= limit) {
      throw Decline.INSTANCE;
    }
    return data[pos];
  }

  /** JSON's white space within a line (a newline would take the object onto the next line). */
  private void skipSpace() {
    while (pos < limit) {
      byte b = data[pos];
      if (b != ' ' && b != '\t' && b != '\r') {
        return;
      }
      pos++;
    }
  }

  private void literal(byte[] word) throws Decline {
    int end = pos + word.length;
    if (end > limit || !java.util.Arrays.equals(word, 0, word.length, data, pos, end)) {
      throw Decline.INSTANCE;
    }
    pos = end;
    delimiter();
  }

  /**
   * Reads a number in JSON's grammar, at most {@link JsonReader#MAX_NUMBER_LENGTH} characters;
   * whether it is a plain integer (no fraction, no exponent).
   */
  private boolean number() throws Decline {
    int from = pos;
    int i = pos;
    if (i < limit && data[i] == '-') {
      i++;
    }
    if (i < limit && data[i] == '0') {
      i++;
    } else if (i < limit && data[i] >= '1' && data[i] <= '9') {
      i = digits(i + 1);
    } else {
      throw Decline.INSTANCE;
    }
    boolean plain = true;
    if (i < limit && data[i] == '.') {
      int start = i + 1;
      i = digits(start);
      if (i == start) {
        throw Decline.INSTANCE;
      }
      plain = false;
    }
    if (i < limit && (data[i] == 'e' || data[i] == 'E')) {
      i++;
      if (i < limit && (data[i] == '+' || data[i] == '-')) {
        i++;
      }
      int start = i;
      i = digits(start);
      if (i == start) {
        throw Decline.INSTANCE;
      }
      plain = false;
    }
    if (i - from > JsonReader.MAX_NUMBER_LENGTH) {
      throw Decline.INSTANCE;
    }
    if (plain && i - from == 2 && data[from] == '-' && data[from + 1] == '0') {
      // -0: left to the careful path, as LineParser leaves it (Jackson's non-blocking parser reads
      // it as 0), so that every reader builds it the same way, sign kept
      throw Decline.INSTANCE;
    }
    pos = i;
    delimiter();
    return plain;
  }

  private int digits(int i) {
    while (i < limit && data[i] >= '0' && data[i] <= '9') {
      i++;
    }
    return i;
  }

  /** A value must be followed by white space, a comma or a closing bracket (so "01" or "truex" decline). */
  private void delimiter() throws Decline {
    byte b = peek();
    if (b != ',' && b != '}' && b != ']' && b != ' ' && b != '\t' && b != '\r') {
      throw Decline.INSTANCE;
    }
  }

  /**
   * Scans the string whose quote is at {@link #pos}, checking its escapes and its UTF-8 (strict:
   * no overlong forms, no surrogates, nothing above U+10FFFF), and leaves the scanner after it.
   */
  private void scanString() throws Decline {
    int from = pos + 1;
    int i = from;
    boolean escaped = false;
    boolean ascii = true;
    while (true) {
      i = plainEnd(i);
      if (i >= limit) {
        throw Decline.INSTANCE;
      }
      byte b = data[i];
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        escaped = true;
        i = escapeEnd(i);
      } else if (b < 0) {
        ascii = false;
        i = utf8End(i);
      } else {
        throw Decline.INSTANCE; // a control character, which JSON must escape
      }
    }
    stringFrom = from;
    stringTo = i;
    stringEscaped = escaped;
    stringAscii = ascii;
    pos = i + 1;
  }

  /** Where the run of plain characters from {@code i} ends: the first quote, backslash, control character or non-ASCII byte. */
  private int plainEnd(int i) {
    while (i < limit && data[i] >= 0x20 && data[i] != '"' && data[i] != '\\') {
      i++;
    }
    return i;
  }

  /** Where the escape at {@code i} ends; declines one JSON does not have. */
  private int escapeEnd(int i) throws Decline {
    if (i + 1 >= limit) {
      throw Decline.INSTANCE;
    }
    switch (data[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 2;
      }
      case 'u' -> {
        if (i + 6 > limit) {
          throw Decline.INSTANCE;
        }
        for (int k = i + 2; k < i + 6; k++) {
          if (hex(data[k]) < 0) {
            throw Decline.INSTANCE;
          }
        }
        return i + 6;
      }
      default -> throw Decline.INSTANCE;
    }
  }

  /** Where the UTF-8 sequence that starts at {@code i} ends; declines one that is not well-formed. */
  private int utf8End(int i) throws Decline {
    int b = data[i] & 0xFF;
    int n;
    int low = 0x80;
    int high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      n = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 2;
      if (b == 0xE0) {
        low = 0xA0;
      } else if (b == 0xED) {
        high = 0x9F;
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 3;
      if (b == 0xF0) {
        low = 0x90;
      } else if (b == 0xF4) {
        high = 0x8F;
      }
    } else {
      throw Decline.INSTANCE;
    }
    if (i + n >= limit) {
      throw Decline.INSTANCE;
    }
    int second = data[i + 1] & 0xFF;
    if (second < low || second > high) {
      throw Decline.INSTANCE;
    }
    for (int k = i + 2; k <= i + n; k++) {
      if ((data[k] & 0xC0) != 0x80) {
        throw Decline.INSTANCE;
      }
    }
    return i + n + 1;
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** The last string scanned, as a String: from the table when it is short and has no escapes. */
  private String stringValue() {
    int n = stringTo - stringFrom;
    if (stringEscaped) {
      int length = decode(); // first: it may replace the array
      return new String(chars, 0, length);
    }
    if (n > CACHED) {
      return new String(data, stringFrom, n, stringAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
    int slot = slot(data, stringFrom, stringTo);
    stringSlot = slot;
    byte[] known = tableBytes[slot];
    if (known != null && known.length == n && same(known, stringFrom)) {
      return tableStrings[slot];
    }
    String s = new String(data, stringFrom, n, stringAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    tableBytes[slot] = java.util.Arrays.copyOfRange(data, stringFrom, stringTo);
    tableStrings[slot] = s;
    return s;
  }

  /**
   * Where the bytes {@code data[from .. to)} go in the table of strings: a hash of every byte,
   * in two interleaved chains (even and odd positions), so that each step waits on the one two
   * bytes back rather than the one before: half the latency of one chain.
   */
  static int slot(byte[] data, int from, int to) {
    int even = 0;
    int odd = 0;
    int i = from;
    for (; i + 1 < to; i += 2) {
      even = 31 * even + data[i];
      odd = 31 * odd + data[i + 1];
    }
    if (i < to) {
      even = 31 * even + data[i];
    }
    int hash = even * 0x9E3779B1 + odd + (to - from);
    return (hash ^ hash >>> TABLE_BITS) & TABLE - 1;
  }

  /** Decodes the last string scanned into {@link #chars}; how many characters it has. */
  private int decode() {
    int n = stringTo - stringFrom;
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)]; // never more characters than bytes
    }
    int out = 0;
    int i = stringFrom;
    while (i < stringTo) {
      int b = data[i];
      if (b >= 0 && b != '\\') {
        chars[out++] = (char) b;
        i++;
      } else if (b == '\\') {
        byte e = data[i + 1];
        switch (e) {
          case 'b' -> chars[out++] = '\b';
          case 'f' -> chars[out++] = '\f';
          case 'n' -> chars[out++] = '\n';
          case 'r' -> chars[out++] = '\r';
          case 't' -> chars[out++] = '\t';
          case 'u' -> chars[out++] = (char) (hex(data[i + 2]) << 12 | hex(data[i + 3]) << 8 | hex(data[i + 4]) << 4
              | hex(data[i + 5]));
          default -> chars[out++] = (char) e; // '"', '\\' or '/'
        }
        i += e == 'u' ? 6 : 2;
      } else {
        int lead = b & 0xFF;
        int codePoint;
        if (lead < 0xE0) {
          codePoint = (lead & 0x1F) << 6 | (data[i + 1] & 0x3F);
          i += 2;
        } else if (lead < 0xF0) {
          codePoint = (lead & 0x0F) << 12 | (data[i + 1] & 0x3F) << 6 | (data[i + 2] & 0x3F);
          i += 3;
        } else {
          codePoint = (lead & 0x07) << 18 | (data[i + 1] & 0x3F) << 12 | (data[i + 2] & 0x3F) << 6 | (data[i + 3] & 0x3F);
          i += 4;
        }
        out += Character.toChars(codePoint, chars, out);
      }
    }
    return out;
  }
}
