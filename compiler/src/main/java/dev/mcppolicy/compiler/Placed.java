package dev.mcppolicy.compiler;

import dev.mcppolicy.syntax.Statement;

/**
 * A statement, the module it is in and its place in statement order (every module's statements,
 * in the order the program lists its modules). Its place identifies it: equality by the record's
 * components would hash the whole module on every map lookup, which made compiling a 5,000-tool
 * policy take seconds.
 */
record Placed(Statement statement, Module module, int order) {
  @Override
  public boolean equals(Object o) {
    return o instanceof Placed p && p.order == order;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(order);
  }
}
