package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.model.Outcome;

import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.Window;
import dev.mcppolicy.time.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides calls as the gateway would (docs/decision-model.md): hidden, default deny, require,
 * deny_if, then limits reserved all together per (grant, counter). The policy is prepared once;
 * counters live in the simulator and change only for allowed calls that count.
 */
public final class Simulator {
  private final boolean hideAll;
  private final boolean defaultDeny;
  private final Map<String, ToolPlan> tools = new HashMap<>();
  private final List<LimitPlan> allTools = new ArrayList<>();
  private final Counters counters;
  /**
   * The top-level argument keys the conditions read: one set for the simulator's life, so that a
   * reader that prepares its scanner for a set (by identity) does so once, not once per chunk.
   */
  private final Set<String> argumentKeys;

  /** A require or deny_if entry; {@code denied} is its deny decision, made once and shared by every call it denies. */
  private record RulePlan(ConditionPlan[] conditions, String rule, String alias, String message, Prepared denied) {}

  private record LimitPlan(String counter, Window window, long max, String rule, int index, long windowNanos) {}

  /**
   * A tool's rules, and every limit that applies to it: its own, then all-tools; {@code passed}
   * is the prepared decision of every call that passes the rules, shared by all of them.
   */
  private record ToolPlan(RulePlan[] require, RulePlan[] denyIf, LimitPlan[] limits, Prepared passed) {}

  /** In {@link #tools}, the plan of a hidden tool. */
  private static final ToolPlan HIDDEN = new ToolPlan(new RulePlan[0], new RulePlan[0], new LimitPlan[0], null);

  private final Map<String, Integer> counterIndex = new HashMap<>();
  /** Patterns compiled so far, by source: tools given the same preset share one. */
  private final Map<String, ConditionPlan.Regex> regexes = new HashMap<>();
  /** One String per argument key name, shared by every condition that reads it. */
  private final Map<String, String> keyNames = new HashMap<>();
  private final Prepared allowedWithoutLimits =
      new Prepared(this, Decision.withoutCounters(Verdict.ALLOW, "", "", ""), null);
  /** The prepared decision of a call to a tool the policy does not name, under default allow. */
  private final Prepared allToolsOnly;

  private Simulator(PolicyDocument document, WindowMode mode) {
    this.hideAll = document.hide().contains("*");
    this.defaultDeny = document.defaultPosture() == Posture.DENY;
    for (Limit l : document.allToolsLimits()) {
      allTools.add(limitPlan(l, RuleIds.allToolsLimit(l.counter())));
    }
    allToolsOnly = passing(allTools.toArray(new LimitPlan[0]));
    document.tools().forEach((name, tool) -> tools.put(name, plan(name, tool)));
    document.hide().forEach(name -> tools.put(name, HIDDEN)); // hiding wins over any rules: one lookup decides both
    this.counters = new Counters(mode, counterIndex.size());
    Set<String> keys = new HashSet<>();
    for (ToolPlan plan : tools.values()) {
      for (RulePlan[] rules : List.of(plan.require(), plan.denyIf())) {
        for (RulePlan r : rules) {
          for (ConditionPlan c : r.conditions()) {
            keys.add(c.key());
          }
        }
      }
    }
    // the conditions' own key Strings: the fast reader builds arguments with the Strings of this
    // set, so a condition's lookup usually meets its very key and compares no characters
    this.argumentKeys = java.util.Collections.unmodifiableSet(keys);
  }

  /** The top-level argument keys any condition of the policy reads; no decision looks at others. */
  public Set<String> argumentKeys() {
    return argumentKeys;
  }

  public static Simulator of(PolicyDocument document, WindowMode mode) {
    return new Simulator(document, mode);
  }

  /** Forgets every counter: a fresh start, as each test block gets. */
  public void reset() {
    counters.clear();
    releases.clear();
  }

  /**
   * A quota given back later: a call that ends in a JSON-RPC error holds its counters until its
   * answer arrives (docs/decision-model.md), so calls decided in between see them held.
   */
  private record Release(long atNanos, Counters.Grant grant, LimitPlan[] limits, long countedNanos) {}

  private final java.util.PriorityQueue<Release> releases =
      new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Release::atNanos));

  /** Gives back every quota whose answer arrived at or before {@code nanos}. */
  private void release(long nanos) {
    while (!releases.isEmpty() && releases.peek().atNanos() <= nanos) {
      Release r = releases.poll();
      for (LimitPlan l : r.limits()) {
        r.grant().uncount(l.index(), l.windowNanos(), r.countedNanos());
      }
    }
  }

  public Decision decide(Call call) {
    return decide(call, prepare(call));
  }

  /**
   * The part of a decision that depends on the call alone: visibility, default deny, require and
   * deny_if, and which limits the call is checked against. It reads no counters, so it may be
   * computed on any thread, ahead of time, while another thread decides earlier calls. It never
   * changes: calls that come to the same (a tool's calls that pass its rules) share one.
   */
  public static final class Prepared {
    private final Simulator owner;
    private final Decision decided;
    private final LimitPlan[] limits;

    private Prepared(Simulator owner, Decision decided, LimitPlan[] limits) {
      this.owner = owner;
      this.decided = decided;
      this.limits = limits;
    }

    /** Whether {@code simulator} prepared this: only it may decide with it. */
    public boolean preparedBy(Simulator simulator) {
      return owner == simulator;
    }
  }

  /** Prepares a call's decision (see {@link Prepared}); safe to call from several threads at once. */
  public Prepared prepare(Call call) {
    String tool = call.tool();
    ToolPlan plan = tools.get(tool);
    if (hideAll || plan == HIDDEN) {
      return hidden(tool);
    }
    if (plan == null && defaultDeny) {
      return notPermitted(tool);
    }
    if (plan != null) {
      for (RulePlan r : plan.require()) {
        Tri holds = all(r.conditions(), call.arguments());
        if (holds != Tri.TRUE) {
          return holds == Tri.FALSE ? r.denied() : decided(indeterminate(r));
        }
      }
      for (RulePlan r : plan.denyIf()) {
        Tri holds = all(r.conditions(), call.arguments());
        if (holds != Tri.FALSE) {
          return holds == Tri.TRUE ? r.denied() : decided(indeterminate(r));
        }
      }
    }
    call.grant().hashCode(); // computed here, on the preparing thread, and kept in the string
    return plan == null ? allToolsOnly : plan.passed();
  }

  /**
   * Decides {@code call} as {@link #decide(Call)} does (counting it when it is allowed), and says
   * every step the decision took: for {@code mcppolicy explain}. Not for replays: it builds
   * what a replay never needs.
   */
  public Explanation explain(Call call) {
    ToolPlan plan = tools.get(call.tool());
    Reached rules = rules(call);
    List<Explanation.LimitStep> limits = new ArrayList<>();
    if (!rules.decided()) {
      long nanos = nanos(call.at());
      release(nanos); // as decide does first: quotas given back by now are not counted
      Counters.Grant grant = counters.grant(call.grant());
      for (LimitPlan l : plan == null ? allTools.toArray(new LimitPlan[0]) : plan.limits()) {
        Instant from = instant(counters.sliding() ? nanos - l.windowNanos() : Math.floorDiv(nanos, l.windowNanos()) * l.windowNanos());
        limits.add(new Explanation.LimitStep(l.rule(), l.counter(), l.window(), l.max(), from,
            grant.read(l.index(), l.windowNanos(), nanos)));
      }
    }
    return new Explanation(call, rules.standing(), rules.require(), rules.denyIf(), limits, decide(call));
  }

  /** How a call stands and the rule entries it reaches; {@code decided} when they decide it. */
  private record Reached(Explanation.Standing standing, List<Explanation.RuleStep> require, List<Explanation.RuleStep> denyIf,
      boolean decided) {}

  /**
   * How {@code call} stands and every {@code require} and {@code deny_if} entry it reaches, with
   * each condition's answer, in the decision model's order: the part of {@link #explain} that
   * reads no counters.
   */
  private Reached rules(Call call) {
    ToolPlan plan = tools.get(call.tool());
    Explanation.Standing standing = hideAll || plan == HIDDEN ? Explanation.Standing.HIDDEN
        : plan == null && defaultDeny ? Explanation.Standing.NOT_PERMITTED
        : plan == null ? Explanation.Standing.UNLISTED : Explanation.Standing.LISTED;
    List<Explanation.RuleStep> require = new ArrayList<>();
    List<Explanation.RuleStep> denyIf = new ArrayList<>();
    boolean decided = standing == Explanation.Standing.HIDDEN || standing == Explanation.Standing.NOT_PERMITTED;
    if (!decided && plan != null) {
      decided = steps(plan.require(), call.arguments(), require, Explanation.Answer.TRUE)
          || steps(plan.denyIf(), call.arguments(), denyIf, Explanation.Answer.FALSE);
    }
    return new Reached(standing, require, denyIf, decided);
  }

  /**
   * The answer of each condition of one entry of {@code call}'s tool, {@code require[entry]} or
   * {@code deny_if[entry]}, for coverage: what {@link #explain} says of that entry's conditions,
   * without the values. Counts nothing; empty when the tool has no such entry.
   */
  public Explanation.Answer[] answers(Call call, boolean require, int entry) {
    ToolPlan plan = tools.get(call.tool());
    RulePlan[] entries = plan == null ? null : require ? plan.require() : plan.denyIf();
    if (entries == null || entry < 0 || entry >= entries.length) {
      return new Explanation.Answer[0];
    }
    ConditionPlan[] conditions = entries[entry].conditions();
    Explanation.Answer[] out = new Explanation.Answer[conditions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = call.arguments() instanceof Arguments.Known known
          ? (conditions[i].holds(known.object()) ? Explanation.Answer.TRUE : Explanation.Answer.FALSE)
          : ConditionPlan.answer(conditions[i].withKeysOnly(((Arguments.KeysOnly) call.arguments()).keys()));
    }
    return out;
  }

  /**
   * Adds a step for each entry until one does not answer {@code goOn} (a require that does not
   * hold, a deny_if that does not fail to hold): true when that one decided the call.
   */
  private static boolean steps(RulePlan[] rules, Arguments arguments, List<Explanation.RuleStep> out,
      Explanation.Answer goOn) {
    for (RulePlan r : rules) {
      List<Explanation.ConditionStep> conditions = new ArrayList<>();
      for (ConditionPlan c : r.conditions()) {
        conditions.add(c.explain(arguments));
      }
      Explanation.Answer holds = ConditionPlan.answer(all(r.conditions(), arguments));
      out.add(new Explanation.RuleStep(r.rule(), conditions, holds));
      if (holds != goOn) {
        return true;
      }
    }
    return false;
  }

  // The denials below, and exceeded(), are methods of their own: prepare and decide run for every
  // call, and the JIT compiles them smaller without these rare messages inlined.

  private Prepared hidden(String tool) {
    return decided(Decision.withoutCounters(Verdict.DENY, RuleIds.HIDDEN, "", "Tool \"" + tool + "\" is hidden by policy"));
  }

  private Prepared notPermitted(String tool) {
    return decided(Decision.withoutCounters(Verdict.DENY, RuleIds.DEFAULT_DENY, "",
        "Tool \"" + tool + "\" is not permitted by policy"));
  }

  private static Decision exceeded(LimitPlan exceeded, java.util.function.Supplier<List<CounterView>> views) {
    return new Decision(Verdict.DENY, exceeded.rule(), "", "Rate limit of " + exceeded.max() + " per "
        + exceeded.window().word() + " reached. Try again later.", views); // the engine's own text
  }

  private Prepared decided(Decision d) {
    return new Prepared(this, d, null);
  }

  /** The prepared decision of calls that pass their rules and are checked against {@code limits}. */
  private Prepared passing(LimitPlan[] limits) {
    return limits.length == 0 ? allowedWithoutLimits : new Prepared(this, null, limits);
  }

  /**
   * Decides a prepared call: checks and counts its limits against the counters. Calls must come
   * here in the order they are to be decided, from one thread.
   */
  public Decision decide(Call call, Prepared prepared) {
    if (prepared.owner != this) {
      throw new IllegalArgumentException("the call was prepared by another simulator");
    }
    if (prepared.decided != null) {
      return prepared.decided;
    }
    LimitPlan[] limits = prepared.limits;
    long nanos = nanos(call.at());
    if (!releases.isEmpty()) {
      release(nanos);
    }
    Counters.Grant grant = counters.grant(call.grant());
    long[] values = new long[limits.length];
    LimitPlan exceeded = null;
    for (int i = 0; i < limits.length; i++) {
      LimitPlan l = limits[i];
      values[i] = grant.read(l.index(), l.windowNanos(), nanos);
      if (exceeded == null && values[i] + 1 > l.max()) {
        exceeded = l;
      }
    }
    boolean heldUntilAnswered = call.outcome() == Outcome.RPC_ERROR && call.answeredAt() != null
        && call.answeredAt().isAfter(call.at());
    if (exceeded == null && (call.outcome() != Outcome.RPC_ERROR || heldUntilAnswered)) {
      for (int i = 0; i < limits.length; i++) {
        grant.count(limits[i].index(), limits[i].windowNanos(), nanos);
        values[i]++;
      }
      if (heldUntilAnswered) {
        releases.add(new Release(nanos(call.answeredAt()), grant, limits, nanos));
      }
    }
    java.util.function.Supplier<List<CounterView>> views = () -> views(limits, values, nanos);
    if (exceeded != null) {
      return exceeded(exceeded, views);
    }
    return new Decision(Verdict.ALLOW, "", "", "", views);
  }

  /** The counters of a decision, with their windows: built only when a report shows them. */
  private List<CounterView> views(LimitPlan[] limits, long[] values, long nanos) {
    List<CounterView> out = new ArrayList<>(limits.length);
    for (int i = 0; i < limits.length; i++) {
      LimitPlan l = limits[i];
      Instant from;
      Instant to;
      if (counters.sliding()) {
        from = instant(nanos - l.windowNanos());
        to = instant(nanos);
      } else {
        from = instant(Math.floorDiv(nanos, l.windowNanos()) * l.windowNanos());
        to = instant(Math.floorDiv(nanos, l.windowNanos()) * l.windowNanos() + l.windowNanos());
      }
      out.add(new CounterView(l.counter(), l.window(), l.max(), values[i], from, to));
    }
    return out;
  }

  private static long nanos(Instant i) {
    if (!Instants.decidable(i)) {
      throw new IllegalArgumentException("a call at " + i + " cannot be decided: a simulator decides calls in "
          + Instants.DECIDABLE + " (readers refuse records outside them)");
    }
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private static Tri all(ConditionPlan[] conditions, Arguments arguments) {
    if (arguments instanceof Arguments.Known known) {
      JsonObject object = known.object();
      for (ConditionPlan c : conditions) {
        if (!c.holds(object)) {
          return Tri.FALSE;
        }
      }
      return Tri.TRUE;
    }
    Set<String> keys = ((Arguments.KeysOnly) arguments).keys();
    Tri result = Tri.TRUE;
    for (ConditionPlan c : conditions) {
      Tri t = c.withKeysOnly(keys);
      if (t == Tri.FALSE) {
        return Tri.FALSE;
      }
      if (t == Tri.UNKNOWN) {
        result = Tri.UNKNOWN;
      }
    }
    return result;
  }

  private static Decision indeterminate(RulePlan r) {
    return Decision.withoutCounters(Verdict.INDETERMINATE, r.rule(), r.alias(),
        "cannot be decided: the record has argument keys but not the values this rule needs");
  }

  private LimitPlan limitPlan(Limit l, String rule) {
    int index = counterIndex.computeIfAbsent(l.counter(), c -> counterIndex.size());
    return new LimitPlan(l.counter(), l.window(), l.max(), rule, index, l.window().millis() * 1_000_000L);
  }

  private ToolPlan plan(String name, ToolPolicy tool) {
    List<RulePlan> require = new ArrayList<>();
    for (int i = 0; i < tool.require().size(); i++) {
      require.add(rule(tool.require().get(i), RuleIds.require(name, i), "/tools/" + RuleIds.escape(name) + "/require/"));
    }
    List<RulePlan> denyIf = new ArrayList<>();
    for (int i = 0; i < tool.denyIf().size(); i++) {
      denyIf.add(rule(tool.denyIf().get(i), RuleIds.denyIf(name, i), "/tools/" + RuleIds.escape(name) + "/deny_if/"));
    }
    List<LimitPlan> limits = new ArrayList<>();
    for (Limit l : tool.limits()) {
      limits.add(limitPlan(l, RuleIds.toolLimit(name, l.counter())));
    }
    limits.addAll(allTools);
    LimitPlan[] all = limits.toArray(new LimitPlan[0]);
    return new ToolPlan(require.toArray(new RulePlan[0]), denyIf.toArray(new RulePlan[0]), all, passing(all));
  }

  private RulePlan rule(Rule rule, String id, String aliasPrefix) {
    List<ConditionPlan> conditions = new ArrayList<>();
    for (Condition c : rule.conditions()) {
      conditions.add(new ConditionPlan(c, regexes, keyNames));
    }
    String alias = conditions.isEmpty() ? "" : aliasPrefix + conditions.get(0).path() + "-" + conditions.get(0).op().word();
    String message = rule.onDeny().orElse("Denied by rule \"" + id + "\"");
    return new RulePlan(conditions.toArray(new ConditionPlan[0]), id, alias, message,
        new Prepared(this, Decision.withoutCounters(Verdict.DENY, id, alias, message), null));
  }
}
