package dev.mcppolicy.compiler;

import dev.mcppolicy.syntax.LimitClause;
import dev.mcppolicy.syntax.RuleItem;
import java.util.Locale;
import java.util.Optional;

/**
 * What one statement says about one tool, as data: precedence compares answers, and a conflict
 * between two statements keeps both answers, so that reporting it never reads a description back.
 */
sealed interface Answer {
  /** The answer as a message quotes it, as in {@code 'limit 10/minute' as burst}. */
  String describe();

  enum Visibility { ALLOW, DENY, HIDE }

  /** Whether the tool is allowed, denied (with its message) or hidden. */
  record Shown(Visibility visibility, Optional<String> message) implements Answer {
    @Override
    public String describe() {
      return "'" + visibility.name().toLowerCase(Locale.ROOT) + "'"
          + message.map(m -> " with message \"" + m + "\"").orElse("");
    }
  }

  /** A limit on the tool's calls. */
  record Limited(LimitClause clause) implements Answer {
    @Override
    public String describe() {
      return "'limit " + clause.count() + "/" + clause.window().word() + "'"
          + clause.counter().map(c -> " as " + c.value()).orElse("");
    }

    /** The same count, window and counter name, wherever each is written. */
    boolean sameAs(Limited other) {
      return clause.count() == other.clause.count() && clause.window() == other.clause.window()
          && clause.counter().map(n -> n.value()).equals(other.clause.counter().map(n -> n.value()));
    }
  }

  /** A require or deny-if rule of a tool block; rules add up, so they never conflict. */
  record Ruled(RuleItem rule) implements Answer {
    @Override
    public String describe() {
      return rule instanceof RuleItem.Require ? "'require'" : "'deny if'";
    }
  }

  /** The other side of a conflict when it is a state rather than a statement's answer ("hidden", "'hide *'"). */
  record Word(String text) implements Answer {
    @Override
    public String describe() {
      return text;
    }
  }
}
