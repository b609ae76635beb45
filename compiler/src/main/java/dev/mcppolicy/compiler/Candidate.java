package dev.mcppolicy.compiler;

import dev.mcppolicy.diag.Span;
import java.util.Comparator;

/**
 * One statement's answer for one tool, with what precedence weighs: how specifically the
 * statement selects the tool, where it is, and which item of a block it is ({@code index}).
 */
record Candidate<T extends Answer>(T answer, int specificity, Placed at, int index, Span span) {
  /** Statements in the order they are read, then items within one statement. */
  static final Comparator<Candidate<?>> IN_SOURCE_ORDER =
      Comparator.comparingInt((Candidate<?> c) -> c.at().order()).thenComparingInt(Candidate::index);
}
