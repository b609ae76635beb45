package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import java.util.Optional;

/** A rule inside a {@code tool SEL { ... }} block. */
public sealed interface RuleItem permits RuleItem.Require, RuleItem.DenyIf, RuleItem.LimitRule {
  Span span();

  record Require(Expr condition, Optional<Str> message, Span span) implements RuleItem {}

  record DenyIf(Expr condition, Optional<Str> message, Span span) implements RuleItem {}

  record LimitRule(LimitClause limit) implements RuleItem {
    public Span span() {
      return limit.span();
    }
  }
}
