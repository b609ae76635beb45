package dev.mcppolicy.model;

import java.util.Optional;

/** Condition operators of policy.json. */
public enum Op implements Word {
  EQ("eq"), NEQ("neq"), IN("in"), NOT_IN("not_in"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"),
  REGEX("regex"), CONTAINS("contains"), EXISTS("exists");

  private final String word;

  Op(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }

  public boolean isOrdering() {
    return this == LT || this == LTE || this == GT || this == GTE;
  }

  public static Optional<Op> fromWord(String word) {
    return Word.parse(Op.class, word);
  }
}
