package dev.mcppolicy.trace;

import dev.mcppolicy.diag.Suggestions;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.time.Instants;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code *.trace.jsonl} file record by record (traces.md section 1), never holding more
 * than one line. Every line that cannot be used becomes a {@link TraceProblem} naming
 * {@code FILE:LINE}; the caller decides whether to stop or go on.
 */
public final class TraceReader implements RecordSource {
  /** Longer lines are refused without being held in memory. */
  public static final int MAX_LINE_LENGTH = 1 << 20;

  private static final Set<String> FIELDS = Set.of("ts", "grant", "tool", "arguments", "argument_keys",
      "outcome", "expect", "id", "name");
  private static final Set<String> HEADER_FIELDS = Set.of("version", "grant", "policy");

  /** The arguments of a record that gives none. */
  static final Arguments NO_ARGUMENTS = Arguments.of(new JsonObject(Map.of()));

  private final JsonLines lines;
  private final String name;
  private TraceHeader header = TraceHeader.NONE;
  private boolean first = true;

  /**
   * A record, or a problem with one line; a record read with a {@link Stage} may come with what
   * the stage made of it (null: nothing, and the caller does that work itself).
   */
  public record Entry(TraceRecord record, TraceProblem problem, Object staged) {
    public Entry(TraceRecord record, TraceProblem problem) {
      this(record, problem, null);
    }
  }

  private TraceReader(JsonLines lines, String name) {
    this.lines = lines;
    this.name = name;
  }

  /** Opens a trace; {@code name} is how messages name the file. */
  public static TraceReader open(Path file, String name) throws IOException {
    return new TraceReader(new JsonLines(file), name);
  }

  /**
   * Opens a trace for a policy that reads only {@code argumentKeys} of the arguments: other
   * argument values are checked as JSON but not built (see {@code Simulator#argumentKeys}).
   */
  public static TraceReader open(Path file, String name, java.util.Set<String> argumentKeys) throws IOException {
    return new TraceReader(new JsonLines(file).project(argumentKeys), name);
  }

  /** Reads a trace from a stream (closed with the reader). */
  public static TraceReader of(java.io.InputStream in, String name) {
    return new TraceReader(new JsonLines(in), name);
  }

  /** Reads a trace from a stream, building only {@code argumentKeys} of the arguments (null: all). */
  static TraceReader of(java.io.InputStream in, String name, Set<String> argumentKeys) {
    return new TraceReader(new JsonLines(in).project(argumentKeys), name);
  }

  /** Reads only the header line, if the file has one (which trace tests which policy, docs/traces.md, uses its policy). */
  public static TraceHeader header(Path file, String name) throws IOException {
    try (TraceReader reader = open(file, name)) {
      reader.next();
      return reader.header;
    }
  }

  public TraceHeader header() {
    return header;
  }

  /** The next record or problem, or null at the end (or after a line that cannot be read at all). */
  @Override
  public Entry next() throws IOException {
    for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
      boolean mayBeHeader = first;
      first = false;
      if (line.problem() != null) {
        return problem(line.number(), line.problem());
      }
      JsonValue value = line.value();
      Object read = mayBeHeader ? header(value) : null;
      if (read instanceof TraceHeader h) {
        header = h;
        continue;
      }
      if (read instanceof String bad) {
        return problem(line.number(), bad);
      }
      return record(name, header.grant().orElse(null), line.number(), value);
    }
    return null;
  }

  /**
   * What the first line of a trace says, if it is a header line ({@code {"trace": {...}}}): the
   * header, or the reason it is malformed; null when the line is not a header line but a record.
   */
  static Object header(JsonValue line) {
    if (!(line instanceof JsonObject o && o.members().size() == 1 && o.members().containsKey("trace"))) {
      return null;
    }
    JsonValue value = o.members().get("trace");
    if (!(value instanceof JsonObject h)) {
      return "the header's 'trace' must be an object";
    }
    for (String key : h.members().keySet()) {
      if (!HEADER_FIELDS.contains(key)) {
        return "unknown header field '" + key + "' (version, grant, policy)";
      }
    }
    JsonValue version = h.members().get("version");
    if (version != null && !(version instanceof JsonNumber n && n.longValue().equals(Optional.of(1L)))) {
      return "unsupported trace version " + version.kind() + ": this reader knows version 1";
    }
    Optional<String> grant = Optional.empty();
    Optional<String> policy = Optional.empty();
    if (h.members().containsKey("grant")) {
      if (!(h.members().get("grant") instanceof JsonString s) || s.value().isEmpty()) {
        return "the header's 'grant' must be a non-empty string";
      }
      grant = Optional.of(s.value());
    }
    if (h.members().containsKey("policy")) {
      if (!(h.members().get("policy") instanceof JsonString s) || s.value().isEmpty()) {
        return "the header's 'policy' must be a non-empty string";
      }
      policy = Optional.of(s.value());
    }
    return new TraceHeader(grant, policy);
  }

  /** A record line's entry, for a trace whose header gives {@code headerGrant} (null: none). */
  static Entry record(String name, String headerGrant, int number, JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      return problem(name, number, "a record is a JSON object, not " + value.kind());
    }
    for (String key : o.members().keySet()) {
      if (!FIELDS.contains(key)) {
        String hint = Suggestions.closest(key, FIELDS).map(s -> " (did you mean '" + s + "'?)").orElse("");
        return problem(name, number, "unknown field '" + key + "'" + hint);
      }
    }
    Map<String, JsonValue> m = o.members();
    if (!m.containsKey("ts")) {
      return problem(name, number, "'ts' is missing");
    }
    if (!(m.get("ts") instanceof JsonString tsText)) {
      return problem(name, number, "'ts' must be a string, not " + m.get("ts").kind());
    }
    Optional<Instant> ts = Instants.parse(tsText.value());
    if (ts.isEmpty()) {
      return problem(name, number, "'ts' \"" + tsText.value() + "\" is not an RFC 3339 instant with seconds, "
          + "0 to 9 fractional digits and a zone (Z or an offset)");
    }
    if (!Instants.decidable(ts.get())) {
      return problem(name, number, "'ts' \"" + tsText.value() + "\" is outside " + Instants.DECIDABLE
          + ", the instants a replay decides at");
    }
    String grant = headerGrant;
    if (m.containsKey("grant")) {
      if (!(m.get("grant") instanceof JsonString g) || g.value().isEmpty()) {
        return problem(name, number, "'grant' must be a non-empty string");
      }
      grant = g.value();
    }
    if (grant == null) {
      return problem(name, number, "'grant' is missing (give it on the record or in a header line)");
    }
    if (!(m.get("tool") instanceof JsonString tool) || tool.value().isEmpty()) {
      return problem(name, number, m.containsKey("tool") ? "'tool' must be a non-empty string" : "'tool' is missing");
    }
    Arguments arguments = NO_ARGUMENTS;
    if (m.containsKey("arguments") && m.containsKey("argument_keys")) {
      return problem(name, number, "give 'arguments' or 'argument_keys', not both");
    }
    if (m.containsKey("arguments")) {
      if (!(m.get("arguments") instanceof JsonObject args)) {
        return problem(name, number, "'arguments' must be an object, not " + m.get("arguments").kind());
      }
      arguments = Arguments.of(args);
    }
    if (m.containsKey("argument_keys")) {
      arguments = keysOnly(m.get("argument_keys"));
      if (arguments == null) {
        return problem(name, number, "'argument_keys' must be a list of strings");
      }
    }
    Outcome outcome = Outcome.OK;
    if (m.containsKey("outcome")) {
      Optional<Outcome> o2 = m.get("outcome") instanceof JsonString s ? Outcome.fromWord(s.value()) : Optional.empty();
      if (o2.isEmpty()) {
        return problem(name, number, "'outcome' must be \"ok\", \"tool_error\" or \"rpc_error\"");
      }
      outcome = o2.get();
    }
    Optional<Expectation> expect = Optional.empty();
    if (m.containsKey("expect")) {
      Object parsed = expectation(m.get("expect"));
      if (parsed instanceof String bad) {
        return problem(name, number, bad);
      }
      expect = Optional.of((Expectation) parsed);
    }
    Optional<String> id = Optional.empty();
    if (m.containsKey("id")) {
      id = id(m.get("id"));
      if (id == null) {
        return problem(name, number, "'id' must be a string or a number");
      }
    }
    Optional<String> label = Optional.empty();
    if (m.containsKey("name")) {
      if (!(m.get("name") instanceof JsonString s)) {
        return problem(name, number, "'name' must be a string");
      }
      label = Optional.of(s.value());
    }
    Call call = new Call(grant, tool.value(), arguments, ts.get(), outcome);
    return new Entry(new TraceRecord(number, call, expect, id, label), null);
  }

  /** The arguments of a record that gives only their keys; null when the value is not a list of strings. */
  static Arguments keysOnly(JsonValue value) {
    if (!(value instanceof JsonArray keys)) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonValue k : keys.elements()) {
      if (!(k instanceof JsonString s)) {
        return null;
      }
      names.add(s.value());
    }
    return new Arguments.KeysOnly(names);
  }

  /** A record's correlation id, as text; null when the value is neither a string nor a number. */
  static Optional<String> id(JsonValue value) {
    if (value instanceof JsonString s) {
      return Optional.of(s.value());
    }
    return value instanceof JsonNumber n ? Optional.of(n.text()) : null;
  }

  /** An expectation, or the reason it is malformed. */
  static Object expectation(JsonValue v) {
    if (v instanceof JsonString s) {
      return switch (s.value()) {
        case "allow" -> new Expectation(Optional.of(Verdict.ALLOW), Optional.empty(), Optional.empty());
        case "deny" -> new Expectation(Optional.of(Verdict.DENY), Optional.empty(), Optional.empty());
        default -> "'expect' must be \"allow\", \"deny\" or an object, not \"" + s.value() + "\"";
      };
    }
    if (!(v instanceof JsonObject o)) {
      return "'expect' must be \"allow\", \"deny\" or an object, not " + v.kind();
    }
    List<String> unknown = new ArrayList<>(o.members().keySet());
    unknown.removeAll(List.of("decision", "rule", "message"));
    if (!unknown.isEmpty()) {
      return "unknown field 'expect." + unknown.get(0) + "' (decision, rule, message)";
    }
    if (o.members().isEmpty()) {
      return "'expect' names at least one of decision, rule and message";
    }
    Optional<Verdict> decision = Optional.empty();
    if (o.members().containsKey("decision")) {
      JsonValue d = o.members().get("decision");
      if (d instanceof JsonString s && s.value().equals("allow")) {
        decision = Optional.of(Verdict.ALLOW);
      } else if (d instanceof JsonString s && s.value().equals("deny")) {
        decision = Optional.of(Verdict.DENY);
      } else {
        return "'expect.decision' must be \"allow\" or \"deny\"";
      }
    }
    Optional<String> rule = Optional.empty();
    if (o.members().containsKey("rule")) {
      if (!(o.members().get("rule") instanceof JsonString s)) {
        return "'expect.rule' must be a string";
      }
      rule = Optional.of(s.value());
    }
    Optional<String> message = Optional.empty();
    if (o.members().containsKey("message")) {
      if (!(o.members().get("message") instanceof JsonString s)) {
        return "'expect.message' must be a string";
      }
      message = Optional.of(s.value());
    }
    return new Expectation(decision, rule, message);
  }

  private Entry problem(int line, String message) {
    return problem(name, line, message);
  }

  static Entry problem(String name, int line, String message) {
    return new Entry(null, new TraceProblem(name, line, message));
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
