package dev.mcppolicy.trace;

import dev.mcppolicy.json.ChunkParser;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.syntax.Instants;
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
  private static final int TS = 1;
  private static final int GRANT = 1 << 1;
  private static final int TOOL = 1 << 2;
  private static final int ARGUMENTS = 1 << 3;
  private static final int ARGUMENT_KEYS = 1 << 4;
  private static final int OUTCOME = 1 << 5;
  private static final int EXPECT = 1 << 6;
  private static final int ID = 1 << 7;
  private static final int NAME = 1 << 8;

  private FastRecord() {}

  /**
   * The record on line {@code number}, whose object the parser has begun; {@code headerGrant} is
   * the header's grant (null: none), {@code keep} the argument keys to build (null: all).
   */
  static TraceRecord read(ChunkParser p, int number, String headerGrant, Set<String> keep) throws ChunkParser.Decline {
    Instant at = null;
    String grant = headerGrant;
    String tool = null;
    Arguments arguments = TraceReader.NO_ARGUMENTS;
    Outcome outcome = Outcome.OK;
    Optional<Expectation> expect = Optional.empty();
    Optional<String> id = Optional.empty();
    Optional<String> label = Optional.empty();
    int seen = 0;
    for (String field = p.field(); field != null; field = p.field()) {
      int bit;
      switch (field) {
        case "ts" -> {
          bit = TS;
          at = p.string(Instants::parse);
          if (at == null || !Instants.decidable(at)) {
            throw p.decline();
          }
        }
        case "grant" -> {
          bit = GRANT;
          grant = nonEmpty(p.string(), p);
        }
        case "tool" -> {
          bit = TOOL;
          tool = nonEmpty(p.string(), p);
        }
        case "arguments" -> {
          bit = ARGUMENTS;
          JsonObject object = p.object(keep);
          if (object == null) {
            throw p.decline();
          }
          arguments = Arguments.of(object);
        }
        case "argument_keys" -> {
          bit = ARGUMENT_KEYS;
          arguments = TraceReader.keysOnly(p.value());
          if (arguments == null) {
            throw p.decline();
          }
        }
        case "outcome" -> {
          bit = OUTCOME;
          String word = p.string();
          outcome = word == null ? null : Outcome.fromWord(word).orElse(null);
          if (outcome == null) {
            throw p.decline();
          }
        }
        case "expect" -> {
          bit = EXPECT;
          if (!(TraceReader.expectation(p.value()) instanceof Expectation e)) {
            throw p.decline();
          }
          expect = Optional.of(e);
        }
        case "id" -> {
          bit = ID;
          id = TraceReader.id(p.value());
          if (id == null) {
            throw p.decline();
          }
        }
        case "name" -> {
          bit = NAME;
          String s = p.string();
          if (s == null) {
            throw p.decline();
          }
          label = Optional.of(s);
        }
        default -> throw p.decline();
      }
      if ((seen & bit) != 0) {
        throw p.decline();
      }
      seen |= bit;
    }
    if (at == null || grant == null || tool == null || (seen & (ARGUMENTS | ARGUMENT_KEYS)) == (ARGUMENTS | ARGUMENT_KEYS)) {
      throw p.decline();
    }
    return new TraceRecord(number, new Call(grant, tool, arguments, at, outcome), expect, id, label);
  }

  private static String nonEmpty(String s, ChunkParser p) throws ChunkParser.Decline {
    if (s == null || s.isEmpty()) {
      throw p.decline();
    }
    return s;
  }
}
