package dev.mcppolicy.sim;

/** Three-valued truth, for conditions over arguments whose values may be redacted. */
enum Tri {
  TRUE, FALSE, UNKNOWN;

  static Tri of(boolean b) {
    return b ? TRUE : FALSE;
  }
}
