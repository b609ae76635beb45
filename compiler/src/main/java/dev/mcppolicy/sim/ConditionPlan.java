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
  /** Equality with the value (eq, neq, contains), or with each of its elements (in, not_in). */
  private final Same same;
  private final Same[] sameAny;

  /** A pattern compiled, with its prefilter (null: none). Both are immutable and safe to share between threads. */
  record Regex(Pattern pattern, Prefilter prefilter) {
    static Regex of(String source) {
      Pattern p = Pattern.compile(source);
      return new Regex(p, Prefilter.of(p.pattern()));
    }
  }

  /** With {@code regexes} to share compiled patterns between conditions (a policy often repeats one). */
  ConditionPlan(Condition c, java.util.Map<String, Regex> regexes) {
    String path = c.path();
    this.segments = path.substring("args.".length()).split("\\.", -1);
    for (int i = 0; i < segments.length; i++) {
      segments[i] = segments[i].intern(); // as the parser's keys are: see Members
    }
    this.op = c.op();
    this.value = c.value();
    this.number = value instanceof JsonNumber n ? n : null;
    this.plainNumber = number == null ? JsonNumber.NOT_PLAIN : JsonNumber.plainLong(number.text());
    Regex compiled = op == Op.REGEX && value instanceof JsonString s ? regexes.computeIfAbsent(s.value(), Regex::of) : null;
    this.regex = compiled == null ? null : compiled.pattern();
    this.prefilter = compiled == null ? null : compiled.prefilter();
    this.existsWanted = value instanceof JsonBoolean b && b.value();
    this.same = new Same(value);
    this.sameAny = value instanceof JsonArray list ? Same.each(list.elements()) : new Same[0];
  }

  String path() {
    return "args." + String.join(".", segments);
  }

  Op op() {
    return op;
  }

  /** Whether the condition holds for a call whose arguments are known. */
  boolean holds(JsonObject arguments) {
    JsonValue v = arguments;
    for (String segment : segments) {
      JsonValue next = v instanceof JsonObject o ? o.members().get(segment) : null;
      if (next == null) { // absent: members hold JsonNull for a null, never null itself
        return absent();
      }
      v = next;
    }
    return present(v);
  }

  /**
   * Whether the condition holds for a call whose record lists only its argument keys: a listed
   * key is taken to be present and not null; anything that needs its value, or a step below it,
   * cannot be decided.
   */
  Tri withKeysOnly(java.util.Set<String> keys) {
    boolean listed = keys.contains(segments[0]);
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
    // small enough to be inlined where conditions are tested; the longer cases are methods of their own
    return switch (op) {
      case EXISTS -> !(v instanceof JsonNull) == existsWanted;
      case EQ -> same.test(v);
      case NEQ -> !same.test(v);
      case IN -> inList(v);
      case NOT_IN -> !inList(v);
      case LT, LTE, GT, GTE -> compares(v);
      case REGEX -> v instanceof JsonString s && matches(s.value());
      case CONTAINS -> contains(v);
    };
  }

  private boolean compares(JsonValue v) {
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
  }

  private boolean matches(String s) {
    return regex != null && (prefilter == null || prefilter.mayMatch(s)) && regex.matcher(s).find();
  }

  private boolean contains(JsonValue v) {
    if (v instanceof JsonString s) {
      return value instanceof JsonString part && s.value().contains(part.value());
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

  private boolean inList(JsonValue v) {
    for (Same e : sameAny) {
      if (e.test(v)) {
        return true;
      }
    }
    return false;
  }
}
