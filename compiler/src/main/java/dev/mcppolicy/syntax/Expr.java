package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Op;
import java.util.List;

/** A condition expression: {@code or} of {@code and} of comparisons, with explicit groups. */
public sealed interface Expr permits Expr.Or, Expr.And, Expr.Group, Expr.Compare {
  Span span();

  <R> R accept(Visitor<R> visitor);

  /** Every comparison in this expression, in source order. */
  default List<Compare> comparisons() {
    List<Compare> out = new java.util.ArrayList<>();
    accept(new Visitor<Void>() {
      public Void visitOr(Or e) {
        e.terms().forEach(t -> t.accept(this));
        return null;
      }

      public Void visitAnd(And e) {
        e.factors().forEach(f -> f.accept(this));
        return null;
      }

      public Void visitGroup(Group e) {
        return e.inner().accept(this);
      }

      public Void visitCompare(Compare e) {
        out.add(e);
        return null;
      }
    });
    return out;
  }

  interface Visitor<R> {
    R visitOr(Or e);

    R visitAnd(And e);

    R visitGroup(Group e);

    R visitCompare(Compare e);
  }

  record Or(List<Expr> terms, Span span) implements Expr {
    public Or {
      terms = List.copyOf(terms);
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitOr(this);
    }
  }

  record And(List<Expr> factors, Span span) implements Expr {
    public And {
      factors = List.copyOf(factors);
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitAnd(this);
    }
  }

  /** Parentheses as written: kept so the formatter prints them back. */
  record Group(Expr inner, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) {
      return v.visitGroup(this);
    }
  }

  /**
   * {@code args.PATH OP VALUE}. {@code not in} is {@link Op#NOT_IN}; {@code exists} and
   * {@code not exists} are {@link Op#EXISTS} with the value {@code true} or {@code false}.
   */
  record Compare(ArgPath path, Op op, Literal value, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) {
      return v.visitCompare(this);
    }
  }

  /** An argument path; {@code segments} follow {@code args}. */
  record ArgPath(List<String> segments, Span span) {
    public ArgPath {
      segments = List.copyOf(segments);
    }

    /** The policy.json form: {@code args.a.b}. */
    public String dotted() {
      return "args." + String.join(".", segments);
    }
  }

  /** A literal value with the text it was written as. */
  record Literal(JsonValue value, String text, Span span) {}
}
