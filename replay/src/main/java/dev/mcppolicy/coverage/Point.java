package dev.mcppolicy.coverage;

/**
 * One thing a policy can be seen to do (docs/coverage.md), at the line of the project it comes
 * from: {@code what} says it as the report's list of what was never seen puts it.
 */
public record Point(Kind kind, String what, String file, int line) {
  /** The kinds of point, in the order the docs list them. */
  public enum Kind {
    /** A tool of the policy's {@code tools}: called and allowed. */
    ALLOWED("allowed"),
    /** A {@code require} entry: a call passed it. */
    REQUIRE_PASSED("require passed"),
    /** A {@code require} entry: a call was denied by it. */
    REQUIRE_DENIED("require denied"),
    /** A {@code deny_if} entry: it fired. */
    DENY_IF_FIRED("deny_if fired"),
    /** A {@code deny_if} entry: a call reached it and it did not fire. */
    DENY_IF_NOT_FIRED("deny_if not fired"),
    /** A condition of an entry with several: true for a call that reached it. */
    CONDITION_TRUE("condition true"),
    /** A condition of an entry with several: false for a call that reached it. */
    CONDITION_FALSE("condition false"),
    /** A limit, of a tool or of all tools: a call denied by it. */
    LIMIT_REACHED("limit reached"),
    /** A hidden tool (or {@code hide *}): a call to it. */
    HIDDEN_CALLED("hidden tool called"),
    /** Under {@code default deny}: a call to a tool the policy does not list. */
    DEFAULT_DENIED("default deny");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }
}
