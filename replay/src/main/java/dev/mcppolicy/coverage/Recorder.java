package dev.mcppolicy.coverage;

import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Explanation;
import dev.mcppolicy.sim.Verdict;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records the points of one test block or trace as its calls are decided. A call is looked at
 * after its decision, never before: recording changes nothing a replay decides. The rules a call
 * reached are evaluated again only while its tool has points left to cover; after that a call
 * costs a lookup or two.
 */
public final class Recorder {
  private final PolicyCoverage coverage;
  private final BitSet seen = new BitSet();
  private final Set<String> done = new HashSet<>();

  Recorder(PolicyCoverage coverage) {
    this.coverage = coverage;
  }

  /** Records what deciding {@code call} as {@code decision} covered. */
  public void observe(Call call, Decision decision) {
    if (coverage.hideAll() >= 0) {
      seen.set(coverage.hideAll());
      return;
    }
    String tool = call.tool();
    Integer hidden = coverage.hidden(tool);
    if (hidden != null) {
      seen.set(hidden);
      return;
    }
    if (decision.verdict() == Verdict.DENY && !decision.rule().isEmpty()) {
      if (decision.rule().equals(RuleIds.DEFAULT_DENY)) {
        seen.set(coverage.defaultDeny());
        return;
      }
      Integer limit = coverage.limit(decision.rule());
      if (limit != null) {
        seen.set(limit);
      }
    }
    PolicyCoverage.ToolPoints points = coverage.tool(tool);
    if (points == null || done.contains(tool) || decision.verdict() == Verdict.INDETERMINATE) {
      return;
    }
    if (decision.verdict() == Verdict.ALLOW && points.allowed() >= 0) {
      seen.set(points.allowed());
    }
    Explanation.Rules reached = coverage.rules().rules(call);
    entries(reached.require(), points.require(), points.requireConditions(), Explanation.Answer.TRUE);
    entries(reached.denyIf(), points.denyIf(), points.denyIfConditions(), Explanation.Answer.FALSE);
    boolean all = true;
    for (int p : points.all()) {
      all &= seen.get(p);
    }
    if (all) {
      done.add(tool);
    }
  }

  /**
   * Each entry reached: its first point when it answered {@code first} (a require that holds
   * passed; a deny_if that does not hold let the call through), else its second; and each
   * condition's true or false point.
   */
  private void entries(List<Explanation.RuleStep> steps, int[][] entries, int[][][] conditions, Explanation.Answer first) {
    for (int i = 0; i < steps.size(); i++) {
      Explanation.RuleStep step = steps.get(i);
      if (step.holds() == Explanation.Answer.UNKNOWN) {
        continue;
      }
      boolean answeredFirst = step.holds() == first;
      // a require: [passed, denied]; a deny_if: [fired, not fired]
      int point = first == Explanation.Answer.TRUE ? entries[i][answeredFirst ? 0 : 1] : entries[i][answeredFirst ? 1 : 0];
      if (point >= 0) {
        seen.set(point);
      }
      for (int c = 0; c < step.conditions().size(); c++) {
        Explanation.Answer a = step.conditions().get(c).result();
        int p = a == Explanation.Answer.TRUE ? conditions[i][c][0] : a == Explanation.Answer.FALSE ? conditions[i][c][1] : -1;
        if (p >= 0) {
          seen.set(p);
        }
      }
    }
  }

  /** Forgets everything recorded: a trace decided again from its start. */
  public void clear() {
    seen.clear();
    done.clear();
  }

  BitSet seen() {
    return seen;
  }
}
