package dev.mcppolicy.report;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.sim.CounterView;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.trace.Expectation;
import dev.mcppolicy.trace.TraceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How one decided call is shown: as text for people, as a JSON line for tools. */
public final class CallReport {
  private CallReport() {}

  /**
   * A failed expectation, for people: where, what was expected and what happened, the deciding
   * rule and message, and the counters with their values and windows.
   */
  public static String failure(String where, TraceRecord r, Decision d, List<String> mismatches) {
    StringBuilder out = new StringBuilder(where).append(": ").append(String.join("; ", mismatches)).append('\n');
    out.append(details(r, d));
    return out.toString();
  }

  /** The lines under a failure: the call, the rule, the message and the counters. */
  public static String details(TraceRecord r, Decision d) {
    StringBuilder out = new StringBuilder();
    out.append("    call: ").append(r.call().tool()).append(" at ").append(r.call().at())
        .append(", grant \"").append(r.call().grant()).append('"');
    r.name().ifPresent(n -> out.append(" (").append(n).append(')'));
    out.append('\n');
    r.expect().ifPresent(e -> out.append("    expected: ").append(e.describe()).append('\n'));
    out.append("    decision: ").append(d.verdict().word()).append('\n');
    if (!d.rule().isEmpty()) {
      out.append("    rule: ").append(d.rule()).append(d.alias().isEmpty() ? "" : " (also " + d.alias() + ")").append('\n');
    }
    if (!d.message().isEmpty()) {
      out.append("    message: ").append(d.message()).append('\n');
    }
    for (CounterView c : d.counters()) {
      out.append("    counter: ").append(c).append('\n');
    }
    return out.toString();
  }

  /** {@code --format jsonl}: one object per call. */
  public static String jsonLine(String trace, TraceRecord r, Decision d, List<String> mismatches) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("trace", new JsonString(trace));
    m.put("line", JsonNumber.of(r.line()));
    m.put("ts", new JsonString(r.call().at().toString()));
    m.put("grant", new JsonString(r.call().grant()));
    m.put("tool", new JsonString(r.call().tool()));
    m.put("decision", new JsonString(d.verdict().word()));
    m.put("rule", new JsonString(d.rule()));
    m.put("message", new JsonString(d.message()));
    if (!d.counters().isEmpty()) {
      List<JsonValue> counters = new ArrayList<>();
      for (CounterView c : d.counters()) {
        Map<String, JsonValue> cm = new LinkedHashMap<>();
        cm.put("counter", new JsonString(c.counter()));
        cm.put("window", new JsonString(c.window().word()));
        cm.put("max", JsonNumber.of(c.max()));
        cm.put("value", JsonNumber.of(c.value()));
        cm.put("from", new JsonString(c.from().toString()));
        counters.add(new JsonObject(cm));
      }
      m.put("counters", new JsonArray(counters));
    }
    if (r.expect().isPresent()) {
      m.put("expect", expectJson(r.expect().get()));
      m.put("ok", new JsonBoolean(mismatches.isEmpty()));
    }
    return JsonWriter.jcsOrdered(new JsonObject(m));
  }

  static JsonValue expectJson(Expectation e) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    e.decision().ifPresent(v -> m.put("decision", new JsonString(v.word())));
    e.rule().ifPresent(v -> m.put("rule", new JsonString(v)));
    e.message().ifPresent(v -> m.put("message", new JsonString(v)));
    return new JsonObject(m);
  }

  /** What {@code --update-expectations} writes for a decision. */
  public static JsonValue expectFor(Decision d) {
    if (d.allowed()) {
      return new JsonString("allow");
    }
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("decision", new JsonString(d.verdict().word()));
    m.put("rule", new JsonString(d.rule()));
    m.put("message", new JsonString(d.message()));
    return new JsonObject(m);
  }
}
