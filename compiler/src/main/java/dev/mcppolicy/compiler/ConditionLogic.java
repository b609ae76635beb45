package dev.mcppolicy.compiler;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Op;
import java.util.List;
import java.util.Optional;

/**
 * What can be decided exactly about conditions on one argument path, under the engine's rules
 * (docs/decision-model.md): an absent path holds only {@code not exists}; orderings hold only for
 * numbers, compared as doubles; {@code ==} with a string holds for a string equal to it, or a value
 * whose text is it ({@code "5"} for 5); {@code ==} with a number for a number equal as a double, or
 * a value whose text is the number's. Where a question needs more than that (mixed kinds, lists
 * against orderings), the answer is "cannot say": a lint never claims what this cannot decide.
 */
final class ConditionLogic {
  private ConditionLogic() {}

  /** Two conditions of one conjunction that cannot both hold, said in words; empty when none is found. */
  static Optional<String> contradiction(List<Condition> conjunction) {
    for (int i = 0; i < conjunction.size(); i++) {
      for (int j = i + 1; j < conjunction.size(); j++) {
        Condition a = conjunction.get(i);
        Condition b = conjunction.get(j);
        if (a.path().equals(b.path()) && (excludes(a, b) || excludes(b, a))) {
          return Optional.of(i + ":" + j);
        }
      }
    }
    // a numeric interval that is empty: every ordering (and == number, where an ordering makes the value a number)
    for (Condition a : conjunction) {
      Interval range = Interval.ALL;
      boolean ordered = false;
      for (Condition c : conjunction) {
        if (c.path().equals(a.path()) && c.op().isOrdering() && c.value() instanceof JsonNumber) {
          ordered = true;
        }
      }
      if (!ordered) {
        continue;
      }
      for (Condition c : conjunction) {
        if (c.path().equals(a.path())) {
          range = range.and(Interval.of(c));
        }
      }
      if (range.isEmpty()) {
        return Optional.of("range:" + a.path());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code a} holding rules out {@code b} holding (same path), by the rules above. */
  private static boolean excludes(Condition a, Condition b) {
    if (isExists(a, true) && isExists(b, false)) {
      return true;
    }
    if (isExists(a, false)) {
      // an absent or null value holds nothing that needs a number, a string, or equality with a plain value
      return b.op().isOrdering() && b.value() instanceof JsonNumber || b.op() == Op.REGEX
          || b.op() == Op.EQ && (b.value() instanceof JsonNumber || b.value() instanceof JsonString s && !s.value().equals("<nil>"));
    }
    if (a.op() == Op.EQ && b.op() == Op.EQ) {
      if (a.value() instanceof JsonString x && b.value() instanceof JsonString y) {
        return !x.value().equals(y.value());
      }
      if (a.value() instanceof JsonNumber x && b.value() instanceof JsonNumber y) {
        return Double.parseDouble(x.text()) != Double.parseDouble(y.text());
      }
    }
    return false;
  }

  /** Whether every call for which {@code later} holds also has {@code earlier} holding. */
  static boolean impliesAll(List<Condition> later, List<Condition> earlier) {
    for (Condition e : earlier) {
      boolean implied = false;
      for (Condition l : later) {
        implied |= implies(l, e);
      }
      if (!implied) {
        // a numeric range of later's conditions together may still imply an ordering of earlier
        Interval range = Interval.ALL;
        boolean number = false;
        for (Condition l : later) {
          if (l.path().equals(e.path()) && l.op().isOrdering() && l.value() instanceof JsonNumber) {
            number = true;
            range = range.and(Interval.of(l));
          }
        }
        implied = number && e.op().isOrdering() && e.value() instanceof JsonNumber && range.within(Interval.of(e));
      }
      if (!implied) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code c} holding makes {@code d} hold (the same path). */
  static boolean implies(Condition c, Condition d) {
    if (!c.path().equals(d.path())) {
      return false;
    }
    if (c.op() == d.op() && c.value().equals(d.value())) {
      return true;
    }
    boolean present = c.op().isOrdering() && c.value() instanceof JsonNumber || c.op() == Op.REGEX && c.value() instanceof JsonString
        || c.op() == Op.EQ && (c.value() instanceof JsonNumber || c.value() instanceof JsonString s && !s.value().equals("<nil>"));
    if (isExists(d, true) && present) {
      return true;
    }
    if (c.op().isOrdering() && c.value() instanceof JsonNumber && d.op().isOrdering() && d.value() instanceof JsonNumber) {
      return Interval.of(c).within(Interval.of(d));
    }
    if (c.op() == Op.IN && d.op() == Op.IN && c.value() instanceof JsonArray small && d.value() instanceof JsonArray big) {
      return big.elements().containsAll(small.elements());
    }
    if (c.op() == Op.EQ && d.op() == Op.IN && d.value() instanceof JsonArray list) {
      return list.elements().contains(c.value());
    }
    if (c.op() == Op.NOT_IN && d.op() == Op.NOT_IN && c.value() instanceof JsonArray big && d.value() instanceof JsonArray small) {
      return big.elements().containsAll(small.elements());
    }
    return false;
  }

  private static boolean isExists(Condition c, boolean wanted) {
    return c.op() == Op.EXISTS && c.value() instanceof JsonBoolean b && b.value() == wanted;
  }

  /**
   * The numbers a condition admits, as doubles: an ordering's half-line, {@code ==} a number's point;
   * anything else, every value (it says nothing of the number).
   */
  record Interval(double low, boolean lowIn, double high, boolean highIn) {
    static final Interval ALL = new Interval(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);

    static Interval of(Condition c) {
      if (!(c.value() instanceof JsonNumber n)) {
        return ALL;
      }
      double v = Double.parseDouble(n.text());
      return switch (c.op()) {
        case GT -> new Interval(v, false, Double.POSITIVE_INFINITY, true);
        case GTE -> new Interval(v, true, Double.POSITIVE_INFINITY, true);
        case LT -> new Interval(Double.NEGATIVE_INFINITY, true, v, false);
        case LTE -> new Interval(Double.NEGATIVE_INFINITY, true, v, true);
        case EQ -> new Interval(v, true, v, true);
        default -> ALL;
      };
    }

    Interval and(Interval o) {
      double lo = Math.max(low, o.low);
      boolean loIn = low > o.low ? lowIn : o.low > low ? o.lowIn : lowIn && o.lowIn;
      double hi = Math.min(high, o.high);
      boolean hiIn = high < o.high ? highIn : o.high < high ? o.highIn : highIn && o.highIn;
      return new Interval(lo, loIn, hi, hiIn);
    }

    boolean isEmpty() {
      return low > high || low == high && !(lowIn && highIn);
    }

    /** Whether every number of this interval is in {@code o}. */
    boolean within(Interval o) {
      boolean lowOk = low > o.low || low == o.low && (o.lowIn || !lowIn);
      boolean highOk = high < o.high || high == o.high && (o.highIn || !highIn);
      return isEmpty() || lowOk && highOk;
    }
  }
}
