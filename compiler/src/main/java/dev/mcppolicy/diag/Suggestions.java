package dev.mcppolicy.diag;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" by edit distance (with transpositions), deterministic on ties. */
public final class Suggestions {
  private Suggestions() {}

  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int budget = Math.max(1, Math.min(3, word.length() / 3));
    for (String candidate : candidates) {
      if (candidate.equals(word)) {
        continue;
      }
      int d = candidate.equalsIgnoreCase(word) ? 0 : distance(word, candidate, budget);
      if (d <= budget && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Optimal string alignment distance; anything over {@code budget} is reported as budget + 1. */
  static int distance(String a, String b, int budget) {
    if (Math.abs(a.length() - b.length()) > budget) {
      return budget + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
