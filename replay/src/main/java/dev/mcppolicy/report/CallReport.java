package dev.mcppolicy.report;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.sim.CounterView;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.time.Instants;
import dev.mcppolicy.trace.Expectation;
import dev.mcppolicy.trace.TraceRecord;
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
  public static String failure(String where, TraceRecord r, Decision d, List<String> mismatches, SourceMap sources) {
    StringBuilder out = new StringBuilder(Escapes.line(where)).append(": ")
        .append(Escapes.line(String.join("; ", mismatches))).append('\n');
    out.append(details(r, d, sources));
    return out.toString();
  }

  /** A record with an expectation as a JUnit test case of the suite of trace {@code trace}. */
  public static CaseResult testCase(String trace, TraceRecord r, Decision d, List<String> mismatches, SourceMap sources) {
    String caseName = "line " + r.line() + ": " + r.call().tool() + r.name().map(n -> " (" + n + ")").orElse("");
    String className = trace.replaceAll("\\.trace\\.jsonl$", "").replace('/', '.');
    if (mismatches.isEmpty()) {
      return CaseResult.passed(caseName, className, 0);
    }
    String where = trace + ":" + r.line();
    return new CaseResult(caseName, className, java.util.Optional.of(where + ": " + String.join("; ", mismatches)),
        java.util.Optional.empty(), failure(where, r, d, mismatches, sources), 0);
  }

  /**
   * The lines under a failure: the call, the rule and the source line it came from (for a policy
   * compiled from source), the message and the counters. Every value is escaped ({@link Escapes}):
   * a recorded tool name or message cannot forge a line of the report.
   */
  public static String details(TraceRecord r, Decision d, SourceMap sources) {
    StringBuilder out = new StringBuilder();
    out.append("    call: ").append(Escapes.line(r.call().tool())).append(" at ").append(r.call().at())
        .append(", grant \"").append(Escapes.line(r.call().grant())).append('"');
    r.name().ifPresent(n -> out.append(" (").append(Escapes.line(n)).append(')'));
    out.append('\n');
    r.expect().ifPresent(e -> out.append("    expected: ").append(Escapes.line(e.describe())).append('\n'));
    out.append("    decision: ").append(d.verdict().word()).append('\n');
    if (!d.rule().isEmpty()) {
      out.append("    rule: ").append(Escapes.line(d.rule()))
          .append(d.alias().isEmpty() ? "" : " (also " + Escapes.line(d.alias()) + ")").append('\n');
      sources.decidedBy(d.rule(), r.call().tool())
          .ifPresent(o -> out.append("    source: ").append(Escapes.line(o.toString())).append('\n'));
    }
    if (!d.message().isEmpty()) {
      out.append("    message: ").append(Escapes.line(d.message()));
      int limits = d.rule().lastIndexOf("/limits/");
      if (limits >= 0) {
        // the engine's limit message does not name the counter: the report does, beside it
        String counter = d.rule().substring(limits + "/limits/".length()).replace("~1", "/").replace("~0", "~");
        out.append(" (counter ").append(Escapes.line(counter)).append(')');
      }
      out.append('\n');
    }
    for (CounterView c : d.counters()) {
      out.append("    counter: ").append(Escapes.line(c.toString())).append('\n');
    }
    return out.toString();
  }

  /**
   * {@code --format jsonl}: one object per call, written straight into text (a replay writes
   * millions): the members in this order, with counters and the expectation only when there are
   * some. CallReportTest checks it against the same object built as a {@link JsonObject}.
   */
  public static String jsonLine(String trace, TraceRecord r, Decision d, List<String> mismatches, SourceMap sources) {
    StringBuilder out = new StringBuilder(320);
    out.append("{\"trace\":");
    JsonWriter.writeString(trace, out);
    out.append(",\"line\":").append(r.line());
    out.append(",\"ts\":\"");
    Instants.format(r.call().at(), out);
    out.append("\",\"grant\":");
    JsonWriter.writeString(r.call().grant(), out);
    out.append(",\"tool\":");
    JsonWriter.writeString(r.call().tool(), out);
    out.append(",\"decision\":");
    JsonWriter.writeString(d.verdict().word(), out);
    out.append(",\"rule\":");
    JsonWriter.writeString(d.rule(), out);
    if (!d.rule().isEmpty()) {
      java.util.Optional<SourceMap.Origin> source = sources.decidedBy(d.rule(), r.call().tool());
      if (source.isPresent()) {
        out.append(",\"source\":");
        JsonWriter.writeString(source.get().toString(), out);
      }
    }
    out.append(",\"message\":");
    JsonWriter.writeString(d.message(), out);
    List<CounterView> counters = d.counters();
    if (!counters.isEmpty()) {
      out.append(",\"counters\":[");
      for (int i = 0; i < counters.size(); i++) {
        CounterView c = counters.get(i);
        out.append(i == 0 ? "{\"counter\":" : ",{\"counter\":");
        JsonWriter.writeString(c.counter(), out);
        out.append(",\"window\":");
        JsonWriter.writeString(c.window().word(), out);
        out.append(",\"max\":").append(c.max());
        out.append(",\"value\":").append(c.value());
        out.append(",\"from\":\"");
        Instants.format(c.from(), out);
        out.append("\"}");
      }
      out.append(']');
    }
    if (r.expect().isPresent()) {
      out.append(",\"expect\":").append(JsonWriter.jcsOrdered(expectJson(r.expect().get())));
      out.append(",\"ok\":").append(mismatches.isEmpty());
    }
    return out.append('}').toString();
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
