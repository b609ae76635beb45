package dev.mcppolicy.diff;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.model.CodePoints;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.Stage;
import dev.mcppolicy.trace.TraceProblem;
import dev.mcppolicy.trace.TraceRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The traffic part of a diff: every recorded call decided by both policies in one read of the
 * trace, each policy with its own counters ({@link Replayer} with two lanes), and each call whose
 * decision, rule or message differs reported as a {@link Flip} with its cause (docs/diff.md).
 */
public final class TrafficDiff {
  /** One policy of the two: its document and where its parts came from. */
  public record Policy(PolicyDocument document, SourceMap sources) {}

  /** What a trace's traffic came to; the flips themselves went to the caller as they were found. */
  public record Summary(long calls, long flips, long allowToDeny, long denyToAllow, Map<String, Long> byRuleChange,
      Map<String, Long> byTool, Map<String, Long> byGrant, Map<String, Long> byCause, List<TraceProblem> problems,
      List<String> warnings) {
    public static final Summary NONE = new Summary(0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of());

    /** This summary with one more problem: a trace that could not be read at all. */
    public Summary withProblem(TraceProblem problem) {
      List<TraceProblem> p = new java.util.ArrayList<>(problems);
      p.add(problem);
      return new Summary(calls, flips, allowToDeny, denyToAllow, byRuleChange, byTool, byGrant, byCause, p, warnings);
    }

    /** Two traces' summaries together. */
    public Summary plus(Summary o) {
      List<TraceProblem> p = new java.util.ArrayList<>(problems);
      p.addAll(o.problems);
      List<String> w = new java.util.ArrayList<>(warnings);
      w.addAll(o.warnings);
      return new Summary(calls + o.calls, flips + o.flips, allowToDeny + o.allowToDeny, denyToAllow + o.denyToAllow,
          sum(byRuleChange, o.byRuleChange), sum(byTool, o.byTool), sum(byGrant, o.byGrant), sum(byCause, o.byCause), p, w);
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
      Map<String, Long> out = new TreeMap<>(CodePoints.ORDER);
      out.putAll(a);
      b.forEach((k, v) -> out.merge(k, v, Long::sum));
      return out;
    }
  }

  private final Policy old;
  private final Policy now;
  private final Sink flips;
  private long calls;
  private long flipped;
  private long allowToDeny;
  private long denyToAllow;
  // counted in hash maps (a flip is counted in each), ordered when the summary is made
  private final Map<String, Long> byRuleChange = new java.util.HashMap<>();
  private final Map<String, Long> byTool = new java.util.HashMap<>();
  private final Map<String, Long> byGrant = new java.util.HashMap<>();
  private final Map<String, Long> byCause = new java.util.HashMap<>();

  /** Where flips go as they are found. */
  public interface Sink {
    void flip(Flip flip);

    /** The trace is decided again from the start, in timestamp order: forget the flips sent so far. */
    default void restart() {}
  }

  private TrafficDiff(Policy old, Policy now, Sink flips) {
    this.old = old;
    this.now = now;
    this.flips = flips;
  }

  /**
   * Replays one trace through both policies in one read, sending each flip to {@code flips} in
   * decision order. {@code opener} opens the trace given the stage that prepares each call for
   * both policies on the fast reader's decoding threads (a JSON-RPC log may ignore it). A bad
   * record stops the trace, as a replay does.
   */
  public static Summary run(Policy old, Policy now, String trace, java.util.function.Function<Stage, Replayer.Opener> opener,
      WindowMode windows, Sink flips) throws IOException {
    TrafficDiff d = new TrafficDiff(old, now, flips);
    Simulator a = Simulator.of(old.document(), windows);
    Simulator b = Simulator.of(now.document(), windows);
    Decision[] last = new Decision[1];
    List<Replayer.Lane> lanes = List.of(
        new Replayer.Lane(a, (r, decision, mismatches) -> last[0] = decision),
        new Replayer.Lane(b, new Replayer.Listener() {
          @Override
          public void decided(TraceRecord r, Decision decision, List<String> mismatches) {
            d.compare(trace, r, last[0], decision);
          }

          @Override
          public void restart() {
            d.restart();
          }
        }));
    List<Replayer.Summary> s = Replayer.replay(opener.apply(Replayer.preparing(lanes)), lanes, new Replayer.Options(false, false));
    return new Summary(d.calls, d.flipped, d.allowToDeny, d.denyToAllow, ordered(d.byRuleChange), ordered(d.byTool),
        ordered(d.byGrant), ordered(d.byCause), s.get(1).problems(), s.get(1).warnings());
  }

  private static Map<String, Long> ordered(Map<String, Long> counts) {
    Map<String, Long> out = new TreeMap<>(CodePoints.ORDER);
    out.putAll(counts);
    return java.util.Collections.unmodifiableMap(out);
  }

  private void restart() {
    calls = 0;
    flipped = 0;
    allowToDeny = 0;
    denyToAllow = 0;
    byRuleChange.clear();
    byTool.clear();
    byGrant.clear();
    byCause.clear();
    flips.restart();
  }

  private void compare(String trace, TraceRecord r, Decision was, Decision is) {
    calls++;
    if (was.verdict() == is.verdict() && was.rule().equals(is.rule()) && was.message().equals(is.message())) {
      return;
    }
    Flip.Cause cause = cause(r, was, is);
    String tool = r.call().tool();
    Flip f = new Flip(trace, r, was, is, cause, old.sources().decidedBy(was.rule(), tool), now.sources().decidedBy(is.rule(), tool));
    flipped++;
    allowToDeny += f.allowToDeny() ? 1 : 0;
    denyToAllow += f.denyToAllow() ? 1 : 0;
    byRuleChange.merge(rule(was) + " -> " + rule(is), 1L, Long::sum);
    byTool.merge(tool, 1L, Long::sum);
    byGrant.merge(r.call().grant(), 1L, Long::sum);
    byCause.merge(cause.word(), 1L, Long::sum);
    flips.flip(f);
  }

  private static String rule(Decision d) {
    return d.rule().isEmpty() ? "(allowed)" : d.rule();
  }

  /**
   * {@code rule} when the two policies' rules decide the call differently; else {@code limit} when
   * a limit that decided it (on either side) is missing from the other policy or has another
   * maximum or window there; else {@code cascade}. A decision names the rule that made it: one
   * made by the rules (hidden, default deny, require, deny_if) names that rule, one made past
   * them names a limit or nothing (an allow). So the rules agree exactly when neither decision is
   * theirs (a flip of two decisions by rules differs in rule or message), and nothing is decided again.
   */
  private Flip.Cause cause(TraceRecord r, Decision was, Decision is) {
    if (byRules(was) || byRules(is)) {
      return Flip.Cause.RULE;
    }
    String tool = r.call().tool();
    for (Decision d : List.of(was, is)) {
      if (!d.rule().isEmpty() && !limit(old.document(), tool, d.rule()).equals(limit(now.document(), tool, d.rule()))) {
        return Flip.Cause.LIMIT;
      }
    }
    return Flip.Cause.CASCADE;
  }

  /** Whether the rules made {@code d}: it names a rule that is not a limit (a tool name's "/" is escaped as "~1"). */
  private static boolean byRules(Decision d) {
    return !d.rule().isEmpty() && !d.rule().contains("/limits/");
  }

  /** The limit a rule identifier names in {@code doc} for a call to {@code tool}; empty when it has none. */
  private static Optional<Limit> limit(PolicyDocument doc, String tool, String rule) {
    List<Limit> limits = rule.startsWith("/all_tools/") ? doc.allToolsLimits()
        : doc.tools().getOrDefault(tool, ToolPolicy.EMPTY).limits();
    return limits.stream().filter(l -> rule.equals(rule.startsWith("/all_tools/") ? RuleIds.allToolsLimit(l.counter())
        : RuleIds.toolLimit(tool, l.counter()))).findFirst();
  }
}
