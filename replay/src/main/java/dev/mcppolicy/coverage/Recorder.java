package dev.mcppolicy.coverage;

import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Explanation;
import dev.mcppolicy.sim.Verdict;
import java.util.BitSet;

/**
 * Records the points of one test block or trace as its calls are decided. A call is looked at
 * after its decision, never before: recording changes nothing a replay decides. Which entries a
 * call reached, and how each answered, follows from its decision; conditions are evaluated again
 * only for a reached entry with a condition point not yet seen; and once every point of a tool is
 * seen, its calls cost a lookup or two.
 */
public final class Recorder {
  private final PolicyCoverage coverage;
  private final BitSet seen = new BitSet();
  /** By tool ordinal: every point of the tool is seen, so its calls add nothing but a limit. */
  private final BitSet done = new BitSet();
  private boolean changed;
  /**
   * By tool ordinal, the decisions' rules already recorded, as the very String a decision holds.
   * Without conditions to evaluate, the points a call covers follow from its decision's rule
   * alone, so a rule seen before adds nothing. (The simulator shares one String per rule; another
   * String with the same text is merely recorded again.)
   */
  private String[][] recorded;

  Recorder(PolicyCoverage coverage) {
    this.coverage = coverage;
  }

  /** Records what deciding {@code call} as {@code decision} covered. */
  public void observe(Call call, Decision decision) {
    String tool = call.tool();
    PolicyCoverage.ToolPoints points = coverage.tool(tool); // most calls are to listed tools: one lookup
    if (decision.verdict() == Verdict.DENY && !decision.rule().isEmpty()) {
      Integer limit = coverage.limit(decision.rule());
      if (limit != null) {
        seen.set(limit);
      }
    }
    if (points == null) {
      unlisted(tool, decision);
      return;
    }
    if (done.get(points.ordinal()) || decision.verdict() == Verdict.INDETERMINATE
        || !points.conditional() && seenBefore(points.ordinal(), decision.rule())) {
      return;
    }
    changed = false;
    if (decision.verdict() == Verdict.ALLOW) {
      mark(points.allowed());
    }
    // Which entries the call reached, and how each answered, follows from the decision: the
    // entries before the one that denied it passed; an allow, or a limit's deny, passed them all.
    int deniedByRequire = decision.verdict() == Verdict.DENY ? indexOf(points.requireIds(), decision.rule()) : -1;
    int firedDenyIf = decision.verdict() == Verdict.DENY && deniedByRequire < 0 ? indexOf(points.denyIfIds(), decision.rule()) : -1;
    int requires = deniedByRequire >= 0 ? deniedByRequire + 1 : points.require().length;
    int denyIfs = deniedByRequire >= 0 ? 0 : firedDenyIf >= 0 ? firedDenyIf + 1 : points.denyIf().length;
    for (int i = 0; i < requires; i++) {
      mark(points.require()[i][i == deniedByRequire ? 1 : 0]);
      conditions(call, true, i, points.requireConditions()[i]);
    }
    for (int i = 0; i < denyIfs; i++) {
      mark(points.denyIf()[i][i == firedDenyIf ? 0 : 1]);
      conditions(call, false, i, points.denyIfConditions()[i]);
    }
    if (changed) {
      boolean all = true;
      for (int p : points.all()) {
        all &= seen.get(p);
      }
      if (all) {
        done.set(points.ordinal());
      }
    }
  }

  /** Whether {@code rule} (this very String) was recorded for the tool before; records it if not, while there is room. */
  private boolean seenBefore(int tool, String rule) {
    if (recorded == null) {
      recorded = new String[coverage.toolCount()][];
    }
    String[] rules = recorded[tool];
    if (rules == null) {
      rules = recorded[tool] = new String[8];
    }
    for (int i = 0; i < rules.length; i++) {
      if (rules[i] == rule) {
        return true;
      }
      if (rules[i] == null) {
        rules[i] = rule;
        return false;
      }
    }
    return false; // a tool decided by more than 8 rules: recorded each time, as without this
  }

  /** A call to a tool with no entry: hidden, or under default deny not permitted. */
  private void unlisted(String tool, Decision decision) {
    if (coverage.hideAll() >= 0) {
      seen.set(coverage.hideAll());
      return;
    }
    Integer hidden = coverage.hidden(tool);
    if (hidden != null) {
      seen.set(hidden);
    } else if (decision.rule().equals(RuleIds.DEFAULT_DENY)) {
      seen.set(coverage.defaultDeny());
    }
  }

  private static int indexOf(String[] ids, String rule) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i].equals(rule)) {
        return i;
      }
    }
    return -1;
  }

  private void mark(int point) {
    if (point >= 0 && !seen.get(point)) {
      seen.set(point);
      changed = true;
    }
  }

  /** A reached entry's conditions, evaluated again only while one of their points is not yet seen. */
  private void conditions(Call call, boolean require, int entry, int[][] conditions) {
    boolean left = false;
    for (int[] c : conditions) {
      left |= c[0] >= 0 && !seen.get(c[0]) || c[1] >= 0 && !seen.get(c[1]);
    }
    if (!left) {
      return;
    }
    Explanation.Answer[] answers = coverage.rules().answers(call, require, entry);
    for (int c = 0; c < answers.length; c++) {
      mark(answers[c] == Explanation.Answer.TRUE ? conditions[c][0]
          : answers[c] == Explanation.Answer.FALSE ? conditions[c][1] : -1);
    }
  }

  /** Forgets everything recorded: a trace decided again from its start. */
  public void clear() {
    seen.clear();
    done.clear();
    recorded = null;
  }

  BitSet seen() {
    return seen;
  }
}
