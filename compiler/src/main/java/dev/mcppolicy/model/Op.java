package dev.mcppolicy.model;

import java.util.Optional;

/** Condition operators of policy.json. */
public enum Op {
  EQ("eq"), NEQ("neq"), IN("in"), NOT_IN("not_in"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"),
  REGEX("regex"), CONTAINS("contains"), EXISTS("exists");

  private final String word;

  Op(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public boolean isOrdering() {
    return this == LT || this == LTE || this == GT || this == GTE;
  }

  public static Optional<Op> fromWord(String word) {
    for (Op op : values()) {
      if (op.word.equals(word)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
