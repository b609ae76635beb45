package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.Window;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every step one decision took, in the decision model's order (docs/decision-model.md): whether
 * the tool is hidden or not permitted, each {@code require} and {@code deny_if} entry reached with
 * each condition's value and result, each limit checked with its counter before the call, then
 * the decision. The decision is the simulator's own ({@link Simulator#explain}), so an
 * explanation never disagrees with a replay; the steps say what it read on the way. Steps after
 * the one that decided are not taken, as the gateway does not take them.
 */
public record Explanation(Call call, Standing standing, List<RuleStep> require, List<RuleStep> denyIf,
    List<LimitStep> limits, Decision decision) {

  public Explanation {
    require = List.copyOf(require);
    denyIf = List.copyOf(denyIf);
    limits = List.copyOf(limits);
  }

  /** How the tool stands before its rules. */
  public enum Standing {
    /** In {@code hide}, or {@code hide} holds {@code *}: denied. */
    HIDDEN,
    /** Under {@code default deny}, and not a key of {@code tools}: denied. */
    NOT_PERMITTED,
    /** A key of {@code tools}: its rules and limits apply. */
    LISTED,
    /** Under {@code default allow}, not a key of {@code tools}: only the all-tools limits apply. */
    UNLISTED
  }

  /** Whether a condition or entry holds; unknown for a record that lists argument keys without their values. */
  public enum Answer { TRUE, FALSE, UNKNOWN }

  /** One {@code require} or {@code deny_if} entry: whether all its conditions hold (an empty entry holds). */
  public record RuleStep(String rule, List<ConditionStep> conditions, Answer holds) {
    public RuleStep {
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * One condition: the argument's value at its path (empty when absent, or not known for a record
   * that lists only argument keys), the operator, the literal, and the result.
   */
  public record ConditionStep(String path, Optional<JsonValue> value, boolean known, Op op, JsonValue literal, Answer result) {}

  /** One limit checked: its rule, counter, window and maximum, and the counter's value in the window before this call. */
  public record LimitStep(String rule, String counter, Window window, long max, Instant windowStart, long before) {}
}
