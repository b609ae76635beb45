package dev.mcppolicy.sim;

import com.google.re2j.Pattern;
import dev.mcppolicy.json.JsonBoolean;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Op;

/**
 * One condition, prepared once: its path split, and what it asks of the value there
 * ({@link ValueTest}: numbers pre-parsed, patterns compiled with RE2/J, linear time, so no pattern
 * or argument can stall a replay). Semantics: policy-json.md section 4.
 */
final class ConditionPlan {
  private final String[] segments;
  private final Op op;
  private final boolean existsWanted;
  private final ValueTest test;

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
    this.existsWanted = c.value() instanceof JsonBoolean b && b.value();
    this.test = ValueTest.of(op, c.value(), regexes);
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
    return test.holds(v);
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
}
