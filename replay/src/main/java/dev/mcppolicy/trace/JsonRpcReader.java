package dev.mcppolicy.trace;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.time.Instants;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads raw MCP JSON-RPC logs (traces.md section 4): each line a message wrapped as
 * {@code {"ts": ..., "grant": ..., "message": {...}}}, or a bare message when a grant and a start
 * instant are given. {@code tools/call} requests become records, in request order; their
 * responses, paired by id, set the outcome ({@code error} that is not null: rpc_error, whose
 * quota is held until the response's instant; {@code isError: true}: tool_error). Other methods
 * are ignored; a {@code tools/call} without a string name is unevaluated (a warning). A request
 * never answered counts as ok. Only requests
 * still waiting for an answer are held in memory, at most {@link #MAX_IN_FLIGHT}: past that the
 * oldest is decided as unanswered, with a warning, so that one request never answered near the top
 * of a long log cannot hold every later call in memory. Pairing is a hash look-up a message.
 */
public final class JsonRpcReader implements RecordSource {
  /** Requests held waiting for their answers; a gateway's own in-flight limit is far lower. */
  public static final int MAX_IN_FLIGHT = 10_000;
  /** Warnings listed one by one; past this they are counted. */
  static final int MAX_WARNINGS = 10;

  private final JsonLines lines;
  private final String name;
  private final Optional<String> grant;
  private final Optional<Instant> start;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Map<String, Pending> byId = new HashMap<>();
  private final ArrayDeque<TraceReader.Entry> problems = new ArrayDeque<>();
  private final java.util.List<String> warnings = new java.util.ArrayList<>();
  private long unanswered;
  private long unevaluated;
  private boolean ended;

  private static final class Pending {
    final int line;
    final Call call;
    final String key;
    Outcome outcome;
    Instant answeredAt;

    Pending(int line, Call call, String key, Outcome outcome) {
      this.line = line;
      this.call = call;
      this.key = key;
      this.outcome = outcome;
    }
  }

  private JsonRpcReader(JsonLines lines, String name, Optional<String> grant, Optional<Instant> start) {
    this.lines = lines;
    this.name = name;
    this.grant = grant;
    this.start = start;
  }

  public static JsonRpcReader open(Path file, String name, Optional<String> grant, Optional<Instant> start)
      throws IOException {
    return new JsonRpcReader(new JsonLines(file), name, grant, start);
  }

  /** Reads a JSON-RPC log from a stream (closed with the reader). */
  public static JsonRpcReader of(java.io.InputStream in, String name, Optional<String> grant, Optional<Instant> start) {
    return new JsonRpcReader(new JsonLines(in), name, grant, start);
  }

  @Override
  public TraceReader.Entry next() throws IOException {
    while (true) {
      if (!problems.isEmpty()) {
        return problems.poll();
      }
      if (!queue.isEmpty() && (queue.peek().outcome != null || ended)) {
        Pending p = queue.poll();
        if (p.outcome == null) {
          p.outcome = Outcome.OK;
        }
        if (p.key != null) {
          byId.remove(p.key, p);
        }
        Call c = p.call;
        return new TraceReader.Entry(new TraceRecord(p.line,
            new Call(c.grant(), c.tool(), c.arguments(), c.at(), p.outcome, p.answeredAt), Optional.empty(),
            Optional.empty(), Optional.empty()), null);
      }
      if (ended) {
        return null;
      }
      readLine();
    }
  }

  private void readLine() throws IOException {
    JsonLines.Line line = lines.next();
    if (line == null) {
      ended = true;
      return;
    }
    int number = line.number();
    if (line.problem() != null) {
      problem(number, line.problem());
      return;
    }
    JsonValue value = line.value();
    Instant at;
    String who;
    JsonValue message;
    if (value instanceof JsonObject o && o.members().containsKey("message") && !o.members().containsKey("jsonrpc")) {
      Optional<Instant> ts = o.members().get("ts") instanceof JsonString s ? Instants.parse(s.value()) : Optional.empty();
      if (ts.isEmpty()) {
        problem(number, "a wrapped message needs 'ts', an RFC 3339 instant with a zone");
        return;
      }
      if (!Instants.decidable(ts.get())) {
        problem(number, "'ts' " + ts.get() + " is outside " + Instants.DECIDABLE + ", the instants a replay decides at");
        return;
      }
      at = ts.get();
      if (o.members().get("grant") instanceof JsonString g && !g.value().isEmpty()) {
        who = g.value();
      } else if (grant.isPresent()) {
        who = grant.get();
      } else {
        problem(number, "a wrapped message needs 'grant' (or give --grant)");
        return;
      }
      message = o.members().get("message");
    } else {
      if (grant.isEmpty() || start.isEmpty()) {
        problem(number, "a bare JSON-RPC message needs --grant and --start (or wrap it as {\"ts\", \"grant\", \"message\"})");
        return;
      }
      at = start.get();
      who = grant.get();
      message = value;
    }
    List<JsonValue> messages = message instanceof JsonArray batch ? batch.elements() : List.of(message);
    for (JsonValue m : messages) {
      if (m instanceof JsonObject msg) {
        take(number, msg, who, at);
      } else {
        problem(number, "a JSON-RPC message is an object, not " + m.kind());
      }
    }
  }

  private void take(int number, JsonObject msg, String who, Instant at) {
    JsonValue method = msg.members().get("method");
    JsonValue id = msg.members().get("id");
    if (method instanceof JsonString m) {
      if (!m.value().equals("tools/call")) {
        return;
      }
      if (!(msg.members().get("params") instanceof JsonObject params) || !(params.members().get("name") instanceof JsonString tool)) {
        // the engine cannot tell which tool it is, and forwards it undecided (it fails open)
        if (++unevaluated <= MAX_WARNINGS) {
          warnings.add("line " + number + ": unevaluated: a tools/call request without a string params.name, which the "
              + "engine forwards undecided; it counts nowhere");
        }
        return;
      }
      JsonValue args = params.members().getOrDefault("arguments", new JsonObject(Map.of()));
      if (!(args instanceof JsonObject arguments)) {
        problem(number, "params.arguments of a tools/call request must be an object");
        return;
      }
      String key = id == null ? null : JsonWriter.jcs(id);
      Pending p = new Pending(number, new Call(who, tool.value(), Arguments.of(arguments), at, Outcome.OK), key,
          id == null ? Outcome.OK : null);
      queue.add(p);
      if (key != null) {
        byId.put(key, p);
      }
      if (queue.size() > MAX_IN_FLIGHT && queue.peek().outcome == null) {
        giveUpOn(queue.peek());
      }
      return;
    }
    if (id != null && (msg.members().containsKey("result") || msg.members().containsKey("error"))) {
      Pending p = byId.remove(JsonWriter.jcs(id));
      if (p == null) {
        return; // the answer to a request that is not a tools/call, or not in this log
      }
      if (msg.members().containsKey("error") && !(msg.members().get("error") instanceof JsonNull)) {
        p.outcome = Outcome.RPC_ERROR; // its quota is held until now, the instant of its answer
        p.answeredAt = at;
      } else if (msg.members().get("result") instanceof JsonObject result
          && result.members().get("isError") instanceof JsonBoolean b && b.value()) {
        p.outcome = Outcome.TOOL_ERROR;
      } else {
        p.outcome = Outcome.OK;
      }
    }
  }

  /** The oldest request has waited past {@link #MAX_IN_FLIGHT} later ones: it is decided as unanswered. */
  private void giveUpOn(Pending oldest) {
    oldest.outcome = Outcome.OK;
    byId.remove(oldest.key, oldest);
    if (++unanswered <= MAX_WARNINGS) {
      warnings.add("line " + oldest.line + ": the tools/call request (id " + oldest.key + ") had no answer within the next "
          + MAX_IN_FLIGHT + " requests; it is decided as unanswered (ok)");
    }
  }

  @Override
  public java.util.List<String> warnings() {
    java.util.List<String> all = new java.util.ArrayList<>(warnings);
    if (unevaluated > MAX_WARNINGS) {
      all.add((unevaluated - MAX_WARNINGS) + " more tools/call requests without a string params.name were not evaluated");
    }
    if (unanswered > MAX_WARNINGS) {
      all.add((unanswered - MAX_WARNINGS) + " more requests had no answer within the next " + MAX_IN_FLIGHT
          + " requests and were decided as unanswered (ok)");
    }
    return all;
  }

  /** Requests read and not yet handed on (for tests: never more than {@link #MAX_IN_FLIGHT} + 1). */
  int pending() {
    return queue.size();
  }

  private void problem(int line, String message) {
    problems.add(new TraceReader.Entry(null, new TraceProblem(name, line, message)));
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
