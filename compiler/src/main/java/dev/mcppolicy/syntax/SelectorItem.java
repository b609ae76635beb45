package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.model.Risk;
import dev.mcppolicy.model.ToolClass;

/** One item of a selector, with its specificity (language.md section 7). */
public sealed interface SelectorItem permits
    SelectorItem.ByName, SelectorItem.ByGlob, SelectorItem.ByClass, SelectorItem.ByRisk {

  Span span();

  /** exact name 3, glob 2, class or risk 1, {@code *} 0. */
  int specificity();

  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R visitName(ByName item);

    R visitGlob(ByGlob item);

    R visitClass(ByClass item);

    R visitRisk(ByRisk item);
  }

  record ByName(Name name) implements SelectorItem {
    public Span span() {
      return name.span();
    }

    public int specificity() {
      return 3;
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitName(this);
    }
  }

  /** A glob; the pattern {@code *} alone is the "every tool" selector of {@code hide *}. */
  record ByGlob(String pattern, Span span) implements SelectorItem {
    public boolean isStar() {
      return pattern.equals("*");
    }

    public int specificity() {
      return isStar() ? 0 : 2;
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitGlob(this);
    }
  }

  record ByClass(ToolClass toolClass, Span span) implements SelectorItem {
    public int specificity() {
      return 1;
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitClass(this);
    }
  }

  record ByRisk(RiskOp op, Risk level, Span span) implements SelectorItem {
    public int specificity() {
      return 1;
    }

    public <R> R accept(Visitor<R> v) {
      return v.visitRisk(this);
    }
  }

  /** The comparisons a risk selector may use. */
  enum RiskOp {
    EQ("=="), LT("<"), LTE("<="), GT(">"), GTE(">=");

    private final String symbol;

    RiskOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean test(Risk risk, Risk level) {
      int c = risk.compareTo(level);
      return switch (this) {
        case EQ -> c == 0;
        case LT -> c < 0;
        case LTE -> c <= 0;
        case GT -> c > 0;
        case GTE -> c >= 0;
      };
    }
  }
}
