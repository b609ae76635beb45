package dev.mcppolicy.trace;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Verdict;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a record, with its place in the trace, to the temporary files of an external sort, and
 * reads it back equal to what was written. The format lives only as long as one replay: strings
 * are written as UTF-16 code units (so any string, lone surrogates included, comes back the
 * same; Latin-1 ones as one byte a character), numbers as the text they were read from, enums by
 * position.
 */
final class RecordCodec {
  private static final int NULL = 0;
  private static final int FALSE = 1;
  private static final int TRUE = 2;
  private static final int NUMBER = 3;
  private static final int STRING = 4;
  private static final int ARRAY = 5;
  private static final int OBJECT = 6;

  private RecordCodec() {}

  static void write(DataOutput out, SortedRuns.Keyed keyed) throws IOException {
    TraceRecord r = keyed.record();
    Call c = r.call();
    out.writeLong(keyed.ordinal());
    out.writeInt(r.line());
    out.writeLong(c.at().getEpochSecond());
    out.writeInt(c.at().getNano());
    string(out, c.grant());
    string(out, c.tool());
    out.writeByte(c.outcome().ordinal());
    if (c.arguments() instanceof Arguments.Known known) {
      out.writeByte(0);
      value(out, known.object());
    } else {
      Set<String> keys = ((Arguments.KeysOnly) c.arguments()).keys();
      out.writeByte(1);
      out.writeInt(keys.size());
      for (String k : keys) {
        string(out, k);
      }
    }
    out.writeBoolean(r.expect().isPresent());
    if (r.expect().isPresent()) {
      Expectation e = r.expect().get();
      out.writeByte(e.decision().map(Verdict::ordinal).orElse(-1));
      optional(out, e.rule());
      optional(out, e.message());
    }
    optional(out, r.id());
    optional(out, r.name());
  }

  static SortedRuns.Keyed read(DataInput in) throws IOException {
    long ordinal = in.readLong();
    int line = in.readInt();
    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
    String grant = string(in);
    String tool = string(in);
    Outcome outcome = Outcome.values()[in.readByte()];
    Arguments arguments;
    if (in.readByte() == 0) {
      arguments = Arguments.of((JsonObject) value(in));
    } else {
      int n = in.readInt();
      Set<String> keys = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        keys.add(string(in));
      }
      arguments = new Arguments.KeysOnly(keys);
    }
    Optional<Expectation> expect = Optional.empty();
    if (in.readBoolean()) {
      int decision = in.readByte();
      expect = Optional.of(new Expectation(decision < 0 ? Optional.empty() : Optional.of(Verdict.values()[decision]),
          optional(in), optional(in)));
    }
    Optional<String> id = optional(in);
    Optional<String> name = optional(in);
    return new SortedRuns.Keyed(new TraceRecord(line, new Call(grant, tool, arguments, at, outcome), expect, id, name),
        ordinal);
  }

  private static void value(DataOutput out, JsonValue v) throws IOException {
    if (v instanceof JsonNull) {
      out.writeByte(NULL);
    } else if (v instanceof JsonBoolean b) {
      out.writeByte(b.value() ? TRUE : FALSE);
    } else if (v instanceof JsonNumber n) {
      out.writeByte(NUMBER);
      string(out, n.text());
    } else if (v instanceof JsonString s) {
      out.writeByte(STRING);
      string(out, s.value());
    } else if (v instanceof JsonArray a) {
      out.writeByte(ARRAY);
      out.writeInt(a.elements().size());
      for (JsonValue e : a.elements()) {
        value(out, e);
      }
    } else {
      JsonObject o = (JsonObject) v;
      out.writeByte(OBJECT);
      out.writeInt(o.members().size());
      for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
        string(out, m.getKey());
        value(out, m.getValue());
      }
    }
  }

  private static JsonValue value(DataInput in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> new JsonNull();
      case FALSE -> new JsonBoolean(false);
      case TRUE -> new JsonBoolean(true);
      case NUMBER -> new JsonNumber(string(in));
      case STRING -> new JsonString(string(in));
      case ARRAY -> {
        int n = in.readInt();
        List<JsonValue> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          elements.add(value(in));
        }
        yield new JsonArray(elements);
      }
      case OBJECT -> {
        int n = in.readInt();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String key = string(in);
          members.put(key, value(in));
        }
        yield new JsonObject(members);
      }
      default -> throw new IOException("a sort run is corrupt: value tag " + tag);
    };
  }

  /** A string: its length, then its characters as Latin-1 bytes when they all are, else as UTF-16 code units. */
  private static void string(DataOutput out, String s) throws IOException {
    int n = s.length();
    boolean latin1 = true;
    for (int i = 0; i < n && latin1; i++) {
      latin1 = s.charAt(i) < 0x100;
    }
    if (latin1) {
      out.writeInt(n);
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    out.writeInt(-n - 1);
    byte[] units = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      units[2 * i] = (byte) (c >>> 8);
      units[2 * i + 1] = (byte) c;
    }
    out.write(units);
  }

  private static String string(DataInput in) throws IOException {
    int n = in.readInt();
    if (n >= 0) {
      byte[] bytes = new byte[n];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    n = -n - 1;
    byte[] units = new byte[2 * n];
    in.readFully(units);
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      chars[i] = (char) (((units[2 * i] & 0xff) << 8) | (units[2 * i + 1] & 0xff));
    }
    return new String(chars);
  }

  private static void optional(DataOutput out, Optional<String> s) throws IOException {
    out.writeBoolean(s.isPresent());
    if (s.isPresent()) {
      string(out, s.get());
    }
  }

  private static Optional<String> optional(DataInput in) throws IOException {
    return in.readBoolean() ? Optional.of(string(in)) : Optional.empty();
  }
}
