package dev.mcppolicy.report;

/** Counts in words for people: {@code 1 error}, {@code 2 errors}, {@code 1 policy}, {@code 3 policies}. */
public final class Words {
  private Words() {}

  public static String plural(long n, String word) {
    return count(n, word, word + "s");
  }

  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
