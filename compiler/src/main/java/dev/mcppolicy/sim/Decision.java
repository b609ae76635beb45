package dev.mcppolicy.sim;

import java.util.List;

/**
 * The decision for one call: the verdict, the deciding rule (a JSON Pointer into the policy,
 * {@code (hidden)}, {@code (default deny)}, or empty for an allow), the message the agent sees
 * after {@code [POLICY DENIED] }, and the counters the call was checked against.
 *
 * @param alias the gateway-log name of a require or deny_if entry, {@code PATH-OP} of its first
 *     condition (empty when there is none)
 */
public record Decision(Verdict verdict, String rule, String alias, String message, List<CounterView> counters) {
  public static final String PREFIX = "[POLICY DENIED] ";

  public Decision {
    counters = List.copyOf(counters);
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
