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
 * or argument can stall a replay). Semantics: docs/decision-model.md.
 */
final class ConditionPlan {
  private final String[] segments;
  private final Op op;
  private final JsonValue literal;
  private final boolean existsWanted;
  private final ValueTest test;

  /**
   * A pattern compiled, with its prefilter (null: none), and the answers it gave last: arguments
   * repeat (the same query, path or URL call after call), and RE2/J takes about a microsecond a
   * string, far longer while the JIT has not compiled it yet. Safe to share between threads: the
   * pattern and prefilter are immutable, and each remembered answer is an immutable pair, written
   * and read whole (a race only loses an answer, which is then found again).
   */
  static final class Regex {
    /** Answers remembered, in a table indexed by the string's hash; a string longer than {@link #REMEMBERED} is not. */
    private static final int SLOTS = 256;
    private static final int REMEMBERED = 512;

    private final Pattern pattern;
    private final Prefilter prefilter;
    private final Answer[] answers = new Answer[SLOTS];

    private record Answer(String input, boolean found) {}

    private Regex(Pattern pattern, Prefilter prefilter) {
      this.pattern = pattern;
      this.prefilter = prefilter;
    }

    static Regex of(String source) {
      Pattern p = Pattern.compile(source);
      return new Regex(p, Prefilter.of(p.pattern()));
    }

    /** Whether the pattern matches anywhere in {@code s}. */
    boolean find(String s) {
      if (prefilter != null && !prefilter.mayMatch(s)) {
        return false;
      }
      if (s.length() > REMEMBERED) {
        return pattern.matcher(s).find();
      }
      int slot = s.hashCode() & SLOTS - 1;
      Answer known = answers[slot];
      if (known != null && known.input.equals(s)) {
        return known.found;
      }
      boolean found = pattern.matcher(s).find();
      answers[slot] = new Answer(s, found);
      return found;
    }
  }

  /**
   * With {@code regexes} to share compiled patterns between conditions (a policy often repeats
   * one), and {@code names} to share one String per key name (a lookup that meets the very String
   * it looks for compares no characters; equal text is found all the same).
   */
  ConditionPlan(Condition c, java.util.Map<String, Regex> regexes, java.util.Map<String, String> names) {
    String path = c.path();
    this.segments = path.substring("args.".length()).split("\\.", -1);
    for (int i = 0; i < segments.length; i++) {
      segments[i] = names.computeIfAbsent(segments[i], k -> k);
    }
    this.op = c.op();
    this.literal = c.value();
    this.existsWanted = c.value() instanceof JsonBoolean b && b.value();
    this.test = ValueTest.of(op, c.value(), regexes);
  }

  /** The top-level argument key the condition reads. */
  String key() {
    return segments[0];
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
      JsonValue next = v instanceof JsonObject o ? o.get(segment) : null;
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

  /** The condition's step in an explanation: the value it read and what it came to, as {@link #holds} decides. */
  Explanation.ConditionStep explain(Arguments arguments) {
    if (!(arguments instanceof Arguments.Known known)) {
      Tri t = withKeysOnly(((Arguments.KeysOnly) arguments).keys());
      return new Explanation.ConditionStep(path(), java.util.Optional.empty(), false, op, literal, answer(t));
    }
    JsonValue v = known.object();
    for (String segment : segments) {
      JsonValue next = v instanceof JsonObject o ? o.get(segment) : null;
      if (next == null) {
        return new Explanation.ConditionStep(path(), java.util.Optional.empty(), true, op, literal, answer(Tri.of(absent())));
      }
      v = next;
    }
    return new Explanation.ConditionStep(path(), java.util.Optional.of(v), true, op, literal, answer(Tri.of(test.holds(v))));
  }

  static Explanation.Answer answer(Tri t) {
    return switch (t) {
      case TRUE -> Explanation.Answer.TRUE;
      case FALSE -> Explanation.Answer.FALSE;
      case UNKNOWN -> Explanation.Answer.UNKNOWN;
    };
  }

  /** On an absent path every operator is false, except {@code exists}, which compares with false. */
  private boolean absent() {
    return op == Op.EXISTS && !existsWanted;
  }
}
