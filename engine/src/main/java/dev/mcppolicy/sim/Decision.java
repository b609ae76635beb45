package dev.mcppolicy.sim;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The decision for one call: the verdict, the deciding rule (a JSON Pointer into the policy,
 * {@code (hidden)}, {@code (default deny)}, or empty for an allow), its gateway-log alias
 * ({@code PATH-OP} of a require or deny_if entry's first condition, else empty), the message the
 * agent sees after {@code [POLICY DENIED] }, and the counters the call was checked against. The
 * counter views are built only when asked for: most decisions in a replay are never shown.
 */
public final class Decision {
  public static final String PREFIX = "[POLICY DENIED] ";

  private final Verdict verdict;
  private final String rule;
  private final String alias;
  private final String message;
  private Supplier<List<CounterView>> pending;
  private List<CounterView> counters;

  public Decision(Verdict verdict, String rule, String alias, String message, List<CounterView> counters) {
    this(verdict, rule, alias, message, () -> counters);
  }

  Decision(Verdict verdict, String rule, String alias, String message, Supplier<List<CounterView>> counters) {
    this.verdict = Objects.requireNonNull(verdict);
    this.rule = Objects.requireNonNull(rule);
    this.alias = Objects.requireNonNull(alias);
    this.message = Objects.requireNonNull(message);
    this.pending = counters;
  }

  public Verdict verdict() {
    return verdict;
  }

  public String rule() {
    return rule;
  }

  public String alias() {
    return alias;
  }

  public String message() {
    return message;
  }

  /** The counters checked, with their values after this call and their windows. */
  public List<CounterView> counters() {
    if (counters == null) {
      counters = List.copyOf(pending.get());
      pending = null;
    }
    return counters;
  }

  /** A decision that checked no counters; it never changes, so one may be shared by many calls and threads. */
  static Decision withoutCounters(Verdict verdict, String rule, String alias, String message) {
    Decision d = new Decision(verdict, rule, alias, message, (Supplier<List<CounterView>>) null);
    d.counters = List.of();
    return d;
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }

  @Override
  public String toString() {
    return verdict.word() + (rule.isEmpty() ? "" : " " + rule) + (message.isEmpty() ? "" : ": " + message);
  }
}
