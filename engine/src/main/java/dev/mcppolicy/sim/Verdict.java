package dev.mcppolicy.sim;

/** What the gateway does with a call; indeterminate when a condition needs a value the record lacks. */
public enum Verdict {
  ALLOW("allow"), DENY("deny"), INDETERMINATE("indeterminate");

  private final String word;

  Verdict(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
