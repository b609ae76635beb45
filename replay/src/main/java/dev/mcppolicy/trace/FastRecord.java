package dev.mcppolicy.trace;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.trace.scan.LineScanner;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.time.Instants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a well-formed, valid record straight from the parser's tokens, field by field, without
 * building the line's object first. It accepts exactly the records {@link TraceReader#record}
 * accepts and builds the same {@link TraceRecord}; for anything else (an unknown or repeated field,
 * a wrong type, a missing field) it declines, and the careful path reads the line again and says
 * what is wrong. A fuzz target checks that the two agree.
 */
final class FastRecord {
  /** The fields a record may have, by index; a field's bit in {@code seen} is {@code 1 << index}. */
  private static final byte[][] FIELDS = names("ts", "grant", "tool", "arguments", "argument_keys", "outcome",
      "expect", "id", "name");
  private static final int TS = 0;
  private static final int GRANT = 1;
  private static final int TOOL = 2;
  private static final int ARGUMENTS = 3;
  private static final int ARGUMENT_KEYS = 4;
  private static final int OUTCOME = 5;
  private static final int EXPECT = 6;
  private static final int ID = 7;
  private static final int NAME = 8;
  /** A record has arguments or argument_keys, not both. */
  private static final int BOTH_FORMS = 1 << ARGUMENTS | 1 << ARGUMENT_KEYS;

  private FastRecord() {}

  /**
   * The record on line {@code number}, whose object the scanner has begun; {@code headerGrant} is
   * the header's grant (null: none), {@code keep} the argument keys to build (null: all),
   * {@code asciiInstants} and {@code instants} read the timestamp (the thread's {@link Instants.Reader}).
   */
  static TraceRecord read(LineScanner p, int number, String headerGrant, Set<String> keep,
      LineScanner.AsciiReader<Instant> asciiInstants, LineScanner.CharsReader<Instant> instants)
      throws LineScanner.Decline {
    Instant at = null;
    String grant = headerGrant;
    String tool = null;
    Arguments arguments = TraceReader.NO_ARGUMENTS;
    Outcome outcome = Outcome.OK;
    Optional<Expectation> expect = Optional.empty();
    Optional<String> id = Optional.empty();
    Optional<String> label = Optional.empty();
    int seen = 0;
    for (int field = p.field(FIELDS); field != LineScanner.END; field = p.field(FIELDS)) {
      switch (field) {
        case TS -> {
          at = p.string(asciiInstants, instants);
          if (at == null || !Instants.decidable(at)) {
            throw LineScanner.decline();
          }
        }
        case GRANT -> {
          grant = nonEmpty(p.string());
        }
        case TOOL -> {
          tool = nonEmpty(p.string());
        }
        case ARGUMENTS -> {
          JsonObject object = p.object(keep);
          if (object == null) {
            throw LineScanner.decline();
          }
          arguments = Arguments.of(object);
        }
        case ARGUMENT_KEYS -> {
          arguments = TraceReader.keysOnly(p.value());
          if (arguments == null) {
            throw LineScanner.decline();
          }
        }
        case OUTCOME -> {
          String word = p.string();
          outcome = word == null ? null : Outcome.fromWord(word).orElse(null);
          if (outcome == null) {
            throw LineScanner.decline();
          }
        }
        case EXPECT -> {
          if (!(TraceReader.expectation(p.value()) instanceof Expectation e)) {
            throw LineScanner.decline();
          }
          expect = Optional.of(e);
        }
        case ID -> {
          id = TraceReader.id(p.value());
          if (id == null) {
            throw LineScanner.decline();
          }
        }
        case NAME -> {
          String s = p.string();
          if (s == null) {
            throw LineScanner.decline();
          }
          label = Optional.of(s);
        }
        default -> throw new IllegalStateException("no field " + field);
      }
      if ((seen & 1 << field) != 0) {
        throw LineScanner.decline();
      }
      seen |= 1 << field;
    }
    if (at == null || grant == null || tool == null || (seen & BOTH_FORMS) == BOTH_FORMS) {
      throw LineScanner.decline();
    }
    return new TraceRecord(number, new Call(grant, tool, arguments, at, outcome), expect, id, label);
  }

  private static String nonEmpty(String s) throws LineScanner.Decline {
    if (s == null || s.isEmpty()) {
      throw LineScanner.decline();
    }
    return s;
  }

  private static byte[][] names(String... names) {
    byte[][] bytes = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return bytes;
  }
}
