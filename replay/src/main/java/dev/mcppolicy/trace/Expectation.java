package dev.mcppolicy.trace;

import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a record or test step expects: any subset of decision, rule and message. A rule matches the
 * deciding rule's identifier or its gateway-log alias ({@code PATH-OP}); a message matches with or
 * without the {@code [POLICY DENIED] } prefix. An indeterminate decision never passes.
 */
public record Expectation(Optional<Verdict> decision, Optional<String> rule, Optional<String> message) {

  /** What does not match, in words; empty when everything does. */
  public List<String> mismatches(Decision actual) {
    List<String> out = new ArrayList<>();
    if (actual.verdict() == Verdict.INDETERMINATE) {
      out.add("the decision is indeterminate: " + actual.message());
      return out;
    }
    decision.filter(d -> d != actual.verdict())
        .ifPresent(d -> out.add("expected " + d.word() + ", got " + actual.verdict().word()));
    rule.filter(r -> !r.equals(actual.rule()) && !(r.equals(actual.alias()) && !r.isEmpty()))
        .ifPresent(r -> out.add("expected rule \"" + r + "\", got " + (actual.rule().isEmpty() ? "no rule" : "\"" + actual.rule() + "\"")));
    message.filter(m -> !m.equals(actual.message()) && !m.equals(Decision.PREFIX + actual.message()))
        .ifPresent(m -> out.add("expected message \"" + m + "\", got " + (actual.message().isEmpty() ? "no message" : "\"" + actual.message() + "\"")));
    return out;
  }

  /** A one-line description: {@code deny rule "/tools/x/deny_if/0"}. */
  public String describe() {
    StringBuilder out = new StringBuilder(decision.map(Verdict::word).orElse("any decision"));
    rule.ifPresent(r -> out.append(" rule \"").append(r).append('"'));
    message.ifPresent(m -> out.append(" message \"").append(m).append('"'));
    return out.toString();
  }
}
