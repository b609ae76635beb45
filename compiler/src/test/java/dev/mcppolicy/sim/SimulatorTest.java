package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  static final PolicyDocument TWO_PER_MINUTE = new PolicyDocument(Posture.DENY, List.of(), List.of(),
      Map.of("t", new ToolPolicy(List.of(), List.of(), List.of(new Limit("t_rate", Window.MINUTE, 2)))));

  static Decision call(Simulator s, String at) {
    return s.decide(new Call("g", "t", Arguments.of(new JsonObject(Map.of())), Instant.parse(at), Outcome.OK));
  }

  @Test
  void aToolBothHiddenAndGivenRulesIsHidden() {
    // a hand-written policy.json may list a tool under hide and under tools: hiding wins
    PolicyDocument both = new PolicyDocument(Posture.ALLOW, List.of("t"), List.of(),
        Map.of("t", new ToolPolicy(List.of(), List.of(), List.of(new Limit("t_rate", Window.MINUTE, 2)))));
    Decision d = call(Simulator.of(both, WindowMode.CALENDAR), "2026-11-21T10:00:00Z");
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals("(hidden)", d.rule());
  }

  @Test
  void calendarWindowsResetAtTheBoundary() {
    Simulator s = Simulator.of(TWO_PER_MINUTE, WindowMode.CALENDAR);
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:00:40Z").verdict());
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:00:50Z").verdict());
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:01:00Z").verdict());
  }

  @Test
  void slidingWindowsCountThePreviousWindowLength() {
    Simulator s = Simulator.of(TWO_PER_MINUTE, WindowMode.SLIDING);
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:00:40Z").verdict());
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:00:50Z").verdict());
    Decision third = call(s, "2026-11-21T10:01:00Z");
    assertEquals(Verdict.DENY, third.verdict(), "two calls within the last 60 s");
    assertEquals("t_rate = 2/2 per minute in [2026-11-21T10:00:00Z, 2026-11-21T10:01:00Z)", third.counters().get(0).toString());
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:01:40Z").verdict(), "10:00:40 has left (a call at exactly t-60s no longer counts)");
  }

  @Test
  void countersReportValueAndWindow() {
    Simulator s = Simulator.of(TWO_PER_MINUTE, WindowMode.CALENDAR);
    call(s, "2026-11-21T10:00:10Z");
    Decision d = call(s, "2026-11-21T10:00:20Z");
    assertEquals(List.of(new CounterView("t_rate", Window.MINUTE, 2, 2, Instant.parse("2026-11-21T10:00:00Z"),
        Instant.parse("2026-11-21T10:01:00Z"))), d.counters());
    Decision denied = call(s, "2026-11-21T10:00:30Z");
    assertEquals(2, denied.counters().get(0).value(), "a denied call does not count");
    assertEquals("Rate limit of 2 per minute reached. Try again later.", denied.message());
  }

  @Test
  void resetForgetsCounters() {
    Simulator s = Simulator.of(TWO_PER_MINUTE, WindowMode.CALENDAR);
    call(s, "2026-11-21T10:00:10Z");
    call(s, "2026-11-21T10:00:11Z");
    s.reset();
    assertEquals(Verdict.ALLOW, call(s, "2026-11-21T10:00:12Z").verdict());
  }

  @Test
  void noPatternMakesADecisionSuperLinear() {
    // (a+)+$ against "aaa...ab" takes exponential time in a backtracking engine; RE2 is linear.
    PolicyDocument doc = dev.mcppolicy.model.PolicyJson.read("""
        {"version": "1", "default": "deny", "tools": {"t": {"deny_if": [
          {"conditions": [{"path": "args.q", "op": "regex", "value": "(a+)+$"}]},
          {"conditions": [{"path": "args.q", "op": "regex", "value": "(x|xx|xxx)*y"}]}]}}}
        """).document().orElseThrow();
    Simulator s = Simulator.of(doc, WindowMode.CALENDAR);
    String hostile = "a".repeat(200_000) + "b";
    // a bound on a hang, not a speed measurement: linear matching takes milliseconds
    Decision d = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
        s.decide(new Call("g", "t", Arguments.of(new JsonObject(Map.of("q", new dev.mcppolicy.json.JsonString(hostile)))),
            Instant.parse("2026-11-21T10:00:00Z"), Outcome.OK)));
    assertEquals(Verdict.ALLOW, d.verdict());
  }

  @Test
  void keysOnlyMakesValueConditionsIndeterminate() {
    PolicyDocument doc = dev.mcppolicy.model.PolicyJson.read("""
        {"version": "1", "default": "deny", "tools": {"t": {"deny_if": [
          {"conditions": [{"path": "args.amount", "op": "gt", "value": 100}]}]}}}
        """).document().orElseThrow();
    Simulator s = Simulator.of(doc, WindowMode.CALENDAR);
    Decision d = s.decide(new Call("g", "t", new Arguments.KeysOnly(java.util.Set.of("amount")),
        Instant.parse("2026-11-21T10:00:00Z"), Outcome.OK));
    assertEquals(Verdict.INDETERMINATE, d.verdict());
    assertEquals("/tools/t/deny_if/0", d.rule());
  }
}
