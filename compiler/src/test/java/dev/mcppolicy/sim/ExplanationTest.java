package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * An explanation decides exactly as a replay does, and its steps show why: the step that decided
 * is the last one taken, and it answers as the decision says.
 */
class ExplanationTest {
  private static final List<String> TOOLS = List.of("a", "b", "c", "d");

  /** Over generated policies and call sequences, explaining each call decides as deciding it does. */
  @Property(tries = 300)
  void anExplanationDecidesAsTheSimulatorAndItsStepsAgree(@ForAll long seed) {
    Random random = new Random(seed);
    PolicyDocument policy = policy(random);
    Simulator deciding = Simulator.of(policy, WindowMode.CALENDAR);
    Simulator explaining = Simulator.of(policy, WindowMode.CALENDAR);
    Instant at = Instant.parse("2026-11-21T10:00:00Z");
    for (int i = 0; i < 60; i++) {
      at = at.plusSeconds(random.nextInt(40));
      Call call = new Call("g" + random.nextInt(2), TOOLS.get(random.nextInt(TOOLS.size())), arguments(random), at, Outcome.OK);
      Decision expected = deciding.decide(call);
      Explanation e = explaining.explain(call);
      Decision d = e.decision();
      String where = "seed " + seed + ", call " + i + ": " + e;
      assertEquals(expected.verdict(), d.verdict(), where);
      assertEquals(expected.rule(), d.rule(), where);
      assertEquals(expected.message(), d.message(), where);
      assertEquals(expected.counters(), d.counters(), where);
      agree(e, where);
    }
  }

  /** The steps end where the decision was made, and the deciding step says so. */
  private static void agree(Explanation e, String where) {
    Decision d = e.decision();
    switch (e.standing()) {
      case HIDDEN, NOT_PERMITTED -> {
        assertTrue(e.require().isEmpty() && e.denyIf().isEmpty() && e.limits().isEmpty(), where);
        assertEquals(e.standing() == Explanation.Standing.HIDDEN ? "(hidden)" : "(default deny)", d.rule(), where);
        return;
      }
      default -> { }
    }
    List<Explanation.RuleStep> rules = new ArrayList<>(e.require());
    rules.addAll(e.denyIf());
    if (d.rule().contains("/require/") || d.rule().contains("/deny_if/")) {
      Explanation.RuleStep last = rules.get(rules.size() - 1);
      assertEquals(d.rule(), last.rule(), where);
      assertEquals(d.rule().contains("/require/") ? Explanation.Answer.FALSE : Explanation.Answer.TRUE, last.holds(), where);
      assertTrue(e.limits().isEmpty(), where);
      return;
    }
    e.require().forEach(s -> assertEquals(Explanation.Answer.TRUE, s.holds(), where));
    e.denyIf().forEach(s -> assertEquals(Explanation.Answer.FALSE, s.holds(), where));
    for (Explanation.RuleStep s : rules) {
      boolean all = s.conditions().stream().allMatch(c -> c.result() == Explanation.Answer.TRUE);
      assertEquals(all ? Explanation.Answer.TRUE : Explanation.Answer.FALSE, s.holds(), where);
    }
    Optional<Explanation.LimitStep> full = e.limits().stream().filter(l -> l.before() + 1 > l.max()).findFirst();
    assertEquals(full.map(Explanation.LimitStep::rule).orElse(""), d.rule(), where);
  }

  @Test
  void aConditionShowsTheValueItReadOrThatItWasAbsent() {
    PolicyDocument policy = new PolicyDocument(Posture.DENY, List.of(), List.of(), Map.of("a", new ToolPolicy(
        List.of(new Rule(List.of(new Condition("args.model", Op.NEQ, new JsonString("res.users"))), Optional.empty())),
        List.of(new Rule(List.of(new Condition("args.ids.0", Op.GT, JsonNumber.of(5))), Optional.of("big"))),
        List.of(new Limit("a_rate", Window.MINUTE, 2)))));
    Simulator s = Simulator.of(policy, WindowMode.CALENDAR);
    Call call = new Call("g", "a", Arguments.of(new JsonObject(Map.of("model", new JsonString("res.partner")))),
        Instant.parse("2026-11-21T10:00:30Z"), Outcome.OK);
    s.decide(call);
    Explanation e = s.explain(call);
    assertEquals(new Explanation.ConditionStep("args.model", Optional.of(new JsonString("res.partner")), true, Op.NEQ,
        new JsonString("res.users"), Explanation.Answer.TRUE), e.require().get(0).conditions().get(0));
    assertEquals(new Explanation.ConditionStep("args.ids.0", Optional.empty(), true, Op.GT, JsonNumber.of(5),
        Explanation.Answer.FALSE), e.denyIf().get(0).conditions().get(0));
    assertEquals(List.of(new Explanation.LimitStep("/tools/a/limits/a_rate", "a_rate", Window.MINUTE, 2,
        Instant.parse("2026-11-21T10:00:00Z"), 1)), e.limits());
    assertEquals(Verdict.ALLOW, e.decision().verdict());
    Explanation keysOnly = s.explain(new Call("g", "a", new Arguments.KeysOnly(Set.of("model")),
        Instant.parse("2026-11-21T10:00:31Z"), Outcome.OK));
    assertEquals(new Explanation.ConditionStep("args.model", Optional.empty(), false, Op.NEQ, new JsonString("res.users"),
        Explanation.Answer.UNKNOWN), keysOnly.require().get(0).conditions().get(0));
    assertEquals(Verdict.INDETERMINATE, keysOnly.decision().verdict());
  }

  private static PolicyDocument policy(Random random) {
    List<String> hide = new ArrayList<>();
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    for (String tool : TOOLS) {
      int kind = random.nextInt(5);
      if (kind == 0) {
        hide.add(tool);
      } else if (kind > 1) {
        tools.put(tool, new ToolPolicy(rules(random, 2), rules(random, 3), limits(random, tool)));
      }
    }
    List<Limit> all = random.nextInt(3) == 0 ? List.of(new Limit("calls_per_minute", Window.MINUTE, 2 + random.nextInt(6)))
        : List.of();
    return new PolicyDocument(random.nextBoolean() ? Posture.DENY : Posture.ALLOW, hide, all, tools);
  }

  private static List<Rule> rules(Random random, int most) {
    List<Rule> out = new ArrayList<>();
    for (int i = random.nextInt(most + 1); i > 0; i--) {
      List<Condition> conditions = new ArrayList<>();
      for (int j = random.nextInt(3); j > 0; j--) {
        conditions.add(condition(random));
      }
      out.add(new Rule(conditions, random.nextBoolean() ? Optional.empty() : Optional.of("no " + i)));
    }
    return out;
  }

  private static Condition condition(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new Condition("args.n", Op.GT, JsonNumber.of(random.nextInt(10)));
      case 1 -> new Condition("args.n", Op.LTE, JsonNumber.of(random.nextInt(10)));
      case 2 -> new Condition("args.s", Op.EQ, new JsonString("x" + random.nextInt(3)));
      default -> new Condition("args.s", Op.EXISTS, new JsonBoolean(random.nextBoolean()));
    };
  }

  private static List<Limit> limits(Random random, String tool) {
    return switch (random.nextInt(3)) {
      case 0 -> List.of();
      case 1 -> List.of(new Limit(tool + "_rate", Window.MINUTE, 1 + random.nextInt(4)));
      default -> List.of(new Limit(tool + "_rate_minute", Window.MINUTE, 1 + random.nextInt(4)),
          new Limit(tool + "_rate_hour", Window.HOUR, 2 + random.nextInt(8)));
    };
  }

  private static Arguments arguments(Random random) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      m.put("n", JsonNumber.of(random.nextInt(12)));
    }
    if (random.nextBoolean()) {
      m.put("s", new JsonString("x" + random.nextInt(3)));
    }
    return Arguments.of(new JsonObject(m));
  }
}
