package dev.mcppolicy.sim;

import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Op;
import java.util.Map;

/**
 * What a condition asks of the value at its path, when the path is there (docs/decision-model.md),
 * prepared once: one subclass per kind of operator. A policy mixes several kinds, so the call
 * that picks one is not inlined where rules are tested: the code C2 compiles for preparing a
 * decision stays small, and each test is compiled on its own. With every test inlined into it,
 * preparing a decision was one 40 KB method that C2 took 150 to 200 ms to compile, two or three
 * times a replay.
 */
abstract class ValueTest {
  /** Whether the condition holds for {@code v}, the value at its path (a JSON null is {@link JsonNull}). */
  abstract boolean holds(JsonValue v);

  /** The test of {@code op} against the condition's constant; {@code regexes} shares compiled patterns. */
  static ValueTest of(Op op, JsonValue constant, Map<String, ConditionPlan.Regex> regexes) {
    return switch (op) {
      case EXISTS -> new Exists(constant instanceof JsonBoolean b && b.value());
      case EQ -> new Equal(new Same(constant), false);
      case NEQ -> new Equal(new Same(constant), true);
      case IN -> new InList(constant, false);
      case NOT_IN -> new InList(constant, true);
      case LT, LTE, GT, GTE -> new Compare(op, constant);
      case REGEX -> new Matches(constant instanceof JsonString s ? regexes.computeIfAbsent(s.value(), ConditionPlan.Regex::of) : null);
      case CONTAINS -> new Contains(constant);
    };
  }

  /** {@code exists}: the value is there and not null, or (with false) it is null. */
  private static final class Exists extends ValueTest {
    private final boolean wanted;

    Exists(boolean wanted) {
      this.wanted = wanted;
    }

    @Override
    boolean holds(JsonValue v) {
      return !(v instanceof JsonNull) == wanted;
    }
  }

  /** {@code eq} and {@code neq}. */
  private static final class Equal extends ValueTest {
    private final Same same;
    private final boolean negated;

    Equal(Same same, boolean negated) {
      this.same = same;
      this.negated = negated;
    }

    @Override
    boolean holds(JsonValue v) {
      return same.test(v) != negated;
    }
  }

  /** {@code in} and {@code not_in}: equal to one of the list's elements (a constant that is not a list has none). */
  private static final class InList extends ValueTest {
    private final Same[] elements;
    private final boolean negated;

    InList(JsonValue constant, boolean negated) {
      this.elements = constant instanceof JsonArray list ? Same.each(list.elements()) : new Same[0];
      this.negated = negated;
    }

    @Override
    boolean holds(JsonValue v) {
      for (Same e : elements) {
        if (e.test(v)) {
          return !negated;
        }
      }
      return negated;
    }
  }

  /** {@code lt}, {@code lte}, {@code gt}, {@code gte}: numbers only, compared as the engine's doubles. */
  private static final class Compare extends ValueTest {
    private final Op op;
    private final boolean number;
    private final double dbl;
    /** The constant when it is an integer a double holds exactly, else {@link JsonNumber#NOT_PLAIN}. */
    private final long plainNumber;

    Compare(Op op, JsonValue constant) {
      this.op = op;
      this.number = constant instanceof JsonNumber;
      this.dbl = constant instanceof JsonNumber n ? GoValues.toDouble(n) : 0;
      long p = constant instanceof JsonNumber n ? n.plainValue() : JsonNumber.NOT_PLAIN;
      this.plainNumber = GoValues.exact(p) ? p : JsonNumber.NOT_PLAIN;
    }

    @Override
    boolean holds(JsonValue v) {
      if (!(v instanceof JsonNumber n) || !number) {
        return false;
      }
      long plain = n.plainValue();
      // two integers a double holds exactly compare as longs; anything else as doubles (NaN never holds)
      int c;
      if (plainNumber != JsonNumber.NOT_PLAIN && GoValues.exact(plain)) {
        c = Long.compare(plain, plainNumber);
      } else {
        double d = GoValues.toDouble(n);
        return switch (op) {
          case LT -> d < dbl;
          case LTE -> d <= dbl;
          case GT -> d > dbl;
          default -> d >= dbl;
        };
      }
      return switch (op) {
        case LT -> c < 0;
        case LTE -> c <= 0;
        case GT -> c > 0;
        default -> c >= 0;
      };
    }
  }

  /** {@code regex}: a string the pattern finds a match in (a constant that is not a string matches nothing). */
  private static final class Matches extends ValueTest {
    private final ConditionPlan.Regex regex;

    Matches(ConditionPlan.Regex regex) {
      this.regex = regex;
    }

    @Override
    boolean holds(JsonValue v) {
      return regex != null && v instanceof JsonString s && regex.find(s.value());
    }
  }

  /** {@code contains}: a string holding the constant string, or a list with an element equal to the constant. */
  private static final class Contains extends ValueTest {
    private final JsonValue constant;
    private final Same same;

    Contains(JsonValue constant) {
      this.constant = constant;
      this.same = new Same(constant);
    }

    @Override
    boolean holds(JsonValue v) {
      if (v instanceof JsonString s) {
        return constant instanceof JsonString part && s.value().contains(part.value());
      }
      if (v instanceof JsonArray list) {
        for (JsonValue e : list.elements()) {
          if (same.test(e)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
