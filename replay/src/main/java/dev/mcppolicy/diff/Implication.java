package dev.mcppolicy.diff;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Op;
import java.util.List;

/**
 * When one conjunction of conditions implies another: every call that satisfies the first
 * satisfies the second. Exact for what it claims (the same path, and an operator pair it knows);
 * where it cannot show an implication it says no, and the diff calls the change {@code changed}.
 */
final class Implication {
  private Implication() {}

  /** Whether every call satisfying all of {@code stronger} satisfies all of {@code weaker}. */
  static boolean implies(List<Condition> stronger, List<Condition> weaker) {
    for (Condition w : weaker) {
      if (stronger.stream().noneMatch(s -> implies(s, w))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code a} holding means {@code b} holds. */
  static boolean implies(Condition a, Condition b) {
    if (a.equals(b)) {
      return true;
    }
    if (!a.path().equals(b.path())) {
      return false;
    }
    JsonValue x = a.value();
    JsonValue y = b.value();
    if (x instanceof JsonNumber n && y instanceof JsonNumber m) {
      // as the engine compares numbers: as doubles
      int c = Double.compare(n.decimal().doubleValue(), m.decimal().doubleValue()); // a's bound against b's
      return switch (a.op()) {
        case GT -> b.op() == Op.GT && c >= 0 || b.op() == Op.GTE && c >= 0;
        case GTE -> b.op() == Op.GTE && c >= 0 || b.op() == Op.GT && c > 0;
        case LT -> b.op() == Op.LT && c <= 0 || b.op() == Op.LTE && c <= 0;
        case LTE -> b.op() == Op.LTE && c <= 0 || b.op() == Op.LT && c < 0;
        default -> false;
      };
    }
    if (a.op() == Op.IN && b.op() == Op.IN && x instanceof JsonArray l1 && y instanceof JsonArray l2) {
      return l2.elements().containsAll(l1.elements());
    }
    if (a.op() == Op.NOT_IN && b.op() == Op.NOT_IN && x instanceof JsonArray l1 && y instanceof JsonArray l2) {
      return l1.elements().containsAll(l2.elements());
    }
    if (a.op() == Op.EQ && b.op() == Op.IN && y instanceof JsonArray l) {
      return l.elements().contains(x);
    }
    return false;
  }
}
