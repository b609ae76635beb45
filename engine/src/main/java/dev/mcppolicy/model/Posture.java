package dev.mcppolicy.model;

/** The {@code default} of a policy: the posture for tools not listed under {@code tools}. */
public enum Posture {
  ALLOW("allow"),
  DENY("deny");

  private final String word;

  Posture(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
