package dev.mcppolicy.sim;

import com.google.re2j.Pattern;
import dev.mcppolicy.json.JsonArray;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Op;

/**
 * One condition, prepared once: its path split, its number parsed, its pattern compiled (RE2/J:
 * linear time, so no pattern or argument can stall a replay). Semantics: policy-json.md section 4.
 */
final class ConditionPlan {
  private final String[] segments;
  private final Op op;
  private final JsonValue value;
  private final JsonNumber number;
  /** The number's value when it is a plain integer, else {@link JsonNumber#NOT_PLAIN}. */
  private final long plainNumber;
  private final Pattern regex;
  private final Prefilter prefilter;
  private final boolean existsWanted;

  ConditionPlan(Condition c) {
    String path = c.path();
    this.segments = path.substring("args.".length()).split("\\.", -1);
    this.op = c.op();
    this.value = c.value();
    this.number = value instanceof JsonNumber n ? n : null;
    this.plainNumber = number == null ? JsonNumber.NOT_PLAIN : JsonNumber.plainLong(number.text());
    this.regex = op == Op.REGEX && value instanceof JsonString s ? Pattern.compile(s.value()) : null;
    this.prefilter = regex == null ? null : Prefilter.of(regex.pattern());
    this.existsWanted = value instanceof JsonBoolean b && b.value();
  }

  String path() {
    return "args." + String.join(".", segments);
  }

  Op op() {
    return op;
  }

  Tri test(Arguments arguments) {
    if (arguments instanceof Arguments.Known known) {
      JsonValue v = known.object();
      for (String segment : segments) {
        if (!(v instanceof JsonObject o) || !o.members().containsKey(segment)) {
          return Tri.of(absent());
        }
        v = o.members().get(segment);
      }
      return Tri.of(present(v));
    }
    // Keys only: a listed key is taken to be present and not null; anything that needs its value,
    // or a step below it, cannot be decided.
    boolean listed = ((Arguments.KeysOnly) arguments).keys().contains(segments[0]);
    if (!listed) {
      return Tri.of(absent());
    }
    if (segments.length == 1 && op == Op.EXISTS) {
      return Tri.of(existsWanted);
    }
    return Tri.UNKNOWN;
  }

  /** On an absent path every operator is false, except {@code exists}, which compares with false. */
  private boolean absent() {
    return op == Op.EXISTS && !existsWanted;
  }

  private boolean present(JsonValue v) {
    switch (op) {
      case EXISTS:
        return !(v instanceof JsonNull) == existsWanted;
      case EQ:
        return JsonValue.sameValue(v, value);
      case NEQ:
        return !JsonValue.sameValue(v, value);
      case IN:
        return inList(v);
      case NOT_IN:
        return !inList(v);
      case LT:
      case LTE:
      case GT:
      case GTE:
        if (!(v instanceof JsonNumber n) || number == null) {
          return false;
        }
        long plain = plainNumber == JsonNumber.NOT_PLAIN ? JsonNumber.NOT_PLAIN : JsonNumber.plainLong(n.text());
        int c = plain != JsonNumber.NOT_PLAIN ? Long.compare(plain, plainNumber) : n.compareValue(number);
        return switch (op) {
          case LT -> c < 0;
          case LTE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        };
      case REGEX:
        return v instanceof JsonString s && regex != null
            && (prefilter == null || prefilter.mayMatch(s.value())) && regex.matcher(s.value()).find();
      case CONTAINS:
        if (v instanceof JsonString s) {
          return value instanceof JsonString part && s.value().contains(part.value());
        }
        if (v instanceof JsonArray list) {
          for (JsonValue e : list.elements()) {
            if (JsonValue.sameValue(e, value)) {
              return true;
            }
          }
        }
        return false;
      default:
        throw new IllegalStateException("unhandled op " + op);
    }
  }

  private boolean inList(JsonValue v) {
    if (value instanceof JsonArray list) {
      for (JsonValue e : list.elements()) {
        if (JsonValue.sameValue(v, e)) {
          return true;
        }
      }
    }
    return false;
  }
}
