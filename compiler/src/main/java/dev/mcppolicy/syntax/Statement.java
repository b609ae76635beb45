package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import java.util.List;
import java.util.Optional;

/** The statements of language.md section 3. */
public sealed interface Statement extends Item permits
    Statement.Allow, Statement.Hide, Statement.Deny, Statement.ToolLimit, Statement.ToolBlock, Statement.AllToolsLimit {

  <R> R accept(StatementVisitor<R> visitor);

  @Override
  default <R> R accept(Item.Visitor<R> visitor) {
    return visitor.visitStatement(this);
  }

  interface StatementVisitor<R> {
    R visitAllow(Allow s);

    R visitHide(Hide s);

    R visitDeny(Deny s);

    R visitToolLimit(ToolLimit s);

    R visitToolBlock(ToolBlock s);

    R visitAllToolsLimit(AllToolsLimit s);
  }

  record Allow(Selector selector, Span span) implements Statement {
    public <R> R accept(StatementVisitor<R> v) {
      return v.visitAllow(this);
    }
  }

  record Hide(Selector selector, Span span) implements Statement {
    public <R> R accept(StatementVisitor<R> v) {
      return v.visitHide(this);
    }
  }

  record Deny(Selector selector, Optional<Str> message, Span span) implements Statement {
    public <R> R accept(StatementVisitor<R> v) {
      return v.visitDeny(this);
    }
  }

  record ToolLimit(Selector selector, LimitClause limit, Span span) implements Statement {
    public <R> R accept(StatementVisitor<R> v) {
      return v.visitToolLimit(this);
    }
  }

  record ToolBlock(Selector selector, List<RuleItem> rules, Span span) implements Statement {
    public ToolBlock {
      rules = List.copyOf(rules);
    }

    public <R> R accept(StatementVisitor<R> v) {
      return v.visitToolBlock(this);
    }
  }

  record AllToolsLimit(LimitClause limit, Span span) implements Statement {
    public <R> R accept(StatementVisitor<R> v) {
      return v.visitAllToolsLimit(this);
    }
  }
}
