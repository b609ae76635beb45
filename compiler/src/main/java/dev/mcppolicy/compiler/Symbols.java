package dev.mcppolicy.compiler;

import dev.mcppolicy.model.Op;

/** How each condition operator is written in the language. */
public final class Symbols {
  private Symbols() {}

  public static String of(Op op) {
    return switch (op) {
      case EQ -> "==";
      case NEQ -> "!=";
      case LT -> "<";
      case LTE -> "<=";
      case GT -> ">";
      case GTE -> ">=";
      case IN -> "in";
      case NOT_IN -> "not in";
      case REGEX -> "matches";
      case CONTAINS -> "contains";
      case EXISTS -> "exists";
    };
  }
}
