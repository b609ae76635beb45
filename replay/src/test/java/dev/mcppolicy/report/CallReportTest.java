package dev.mcppolicy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.CounterView;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.trace.Expectation;
import dev.mcppolicy.trace.TraceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The JSON line of a decided call, written straight into text, is the object traces.md describes. */
class CallReportTest {
  private static final String[] TEXTS = {"", "grant-4", "tool_0047", "a \"quoted\" name", "back\\slash", "tab\there",
      "line\nbreak", "\u0001control", "caf\u00e9", "\u2028", "emoji \uD83D\uDE00", "/tools/x/deny_if/0",
      "[POLICY DENIED] protected model"};

  @Test
  void anAllowedCallWithCounters() {
    Instant at = Instant.parse("2026-11-23T00:00:00.026Z");
    Decision d = new Decision(Verdict.ALLOW, "", "", "", List.of(
        new CounterView("tool_0047_rate_minute", Window.MINUTE, 605, 1, Instant.parse("2026-11-23T00:00:00Z"),
            Instant.parse("2026-11-23T00:01:00Z"))));
    TraceRecord r = new TraceRecord(2, new Call("grant-4", "tool_0047", Arguments.of(new JsonObject(Map.of())), at,
        Outcome.OK), Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals("{\"trace\":\"t.jsonl\",\"line\":2,\"ts\":\"2026-11-23T00:00:00.026Z\",\"grant\":\"grant-4\","
        + "\"tool\":\"tool_0047\",\"decision\":\"allow\",\"rule\":\"\",\"message\":\"\",\"counters\":[{\"counter\":"
        + "\"tool_0047_rate_minute\",\"window\":\"minute\",\"max\":605,\"value\":1,\"from\":\"2026-11-23T00:00:00Z\"}]}",
        CallReport.jsonLine("t.jsonl", r, d, List.of(), SourceMap.empty()));
  }

  /** A rule's source follows it, as the source map gives it (a preset's rule with the import that brought it in). */
  @Test
  void aDeniedCallNamesItsRulesSource() {
    Instant at = Instant.parse("2026-11-23T00:00:00Z");
    Decision d = new Decision(Verdict.DENY, "/tools/x/deny_if/0", "", "no", List.of());
    TraceRecord r = new TraceRecord(3, new Call("g", "x", Arguments.of(new JsonObject(Map.of())), at, Outcome.OK),
        Optional.empty(), Optional.empty(), Optional.empty());
    SourceMap sources = new SourceMap(Map.of("/tools/x/deny_if/0", new SourceMap.Origin("std/presets/p.mcppolicy",
        dev.mcppolicy.diag.Span.at(4, 1, 1), List.of("policy.mcppolicy:5:1"))), Map.of(), Map.of(), Optional.empty());
    assertEquals("{\"trace\":\"t.jsonl\",\"line\":3,\"ts\":\"2026-11-23T00:00:00Z\",\"grant\":\"g\",\"tool\":\"x\","
        + "\"decision\":\"deny\",\"rule\":\"/tools/x/deny_if/0\",\"source\":\"std/presets/p.mcppolicy:4:1 via "
        + "policy.mcppolicy:5:1\",\"message\":\"no\"}", CallReport.jsonLine("t.jsonl", r, d, List.of(), sources));
    assertEquals("""
            call: x at 2026-11-23T00:00:00Z, grant "g"
            decision: deny
            rule: /tools/x/deny_if/0
            source: std/presets/p.mcppolicy:4:1 via policy.mcppolicy:5:1
            message: no
        """, CallReport.details(r, d, sources));
  }

  @Property(tries = 2000)
  void isTheObjectWrittenAsJson(@ForAll long seed) {
    Random random = new Random(seed);
    List<CounterView> counters = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      counters.add(new CounterView(text(random), Window.values()[random.nextInt(Window.values().length)],
          random.nextInt(100_000), random.nextInt(100_000), instant(random), instant(random)));
    }
    Decision d = new Decision(Verdict.values()[random.nextInt(Verdict.values().length)], text(random), text(random),
        text(random), counters);
    Optional<Expectation> expect = random.nextBoolean() ? Optional.empty() : Optional.of(new Expectation(
        random.nextBoolean() ? Optional.of(Verdict.DENY) : Optional.empty(),
        random.nextBoolean() ? Optional.of(text(random)) : Optional.empty(),
        random.nextBoolean() ? Optional.of(text(random)) : Optional.empty()));
    TraceRecord r = new TraceRecord(1 + random.nextInt(1_000_000), new Call(text(random), text(random),
        Arguments.of(new JsonObject(Map.of())), instant(random), Outcome.OK), expect, Optional.empty(), Optional.empty());
    List<String> mismatches = random.nextBoolean() ? List.of() : List.of("expected deny, got allow");
    String trace = text(random);
    SourceMap sources = random.nextBoolean() ? SourceMap.empty() : new SourceMap(Map.of(d.rule(), new SourceMap.Origin(
        text(random), dev.mcppolicy.diag.Span.at(1 + random.nextInt(99), 1, 1), List.of())), Map.of(), Map.of(), Optional.empty());
    assertEquals(reference(trace, r, d, mismatches, sources), CallReport.jsonLine(trace, r, d, mismatches, sources));
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private static Instant instant(Random random) {
    return Instant.ofEpochSecond(random.nextLong() % 300_000_000_000L,
        random.nextBoolean() ? 0 : random.nextInt(1000) * 1_000_000);
  }

  /** The line built as an object first, then written: how it was made before it was written directly. */
  private static String reference(String trace, TraceRecord r, Decision d, List<String> mismatches, SourceMap sources) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("trace", new JsonString(trace));
    m.put("line", JsonNumber.of(r.line()));
    m.put("ts", new JsonString(r.call().at().toString()));
    m.put("grant", new JsonString(r.call().grant()));
    m.put("tool", new JsonString(r.call().tool()));
    m.put("decision", new JsonString(d.verdict().word()));
    m.put("rule", new JsonString(d.rule()));
    if (!d.rule().isEmpty()) {
      sources.decidedBy(d.rule(), r.call().tool()).ifPresent(o -> m.put("source", new JsonString(o.toString())));
    }
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
      m.put("expect", CallReport.expectJson(r.expect().get()));
      m.put("ok", new JsonBoolean(mismatches.isEmpty()));
    }
    return JsonWriter.jcsOrdered(new JsonObject(m));
  }
}
