package dev.mcppolicy.diag;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean" by edit distance (with transpositions), deterministic on ties: the nearest
 * candidate within a budget of a third of the word's length (1 to 3 edits); a candidate equal but
 * for case first; the smallest name (by {@link String#compareTo}) among equals.
 *
 * <p>The cost is bounded. Up to {@value #EXACT} candidates (every real server's catalog) each is
 * compared, so the answer is the definition's. A larger set (a gateway merging servers, 100,000
 * tools) is sorted once, forwards and by reversed name (an {@link Index}, remembered for the last
 * collection asked about), and a query compares only the {@value #NEIGHBOURS} names on each side
 * of where the word would sort, in both orders: the names sharing its longest beginning or its
 * longest ending, which is where a typo's tool is. Each comparison stops once past the budget.
 */
public final class Suggestions {
  static final int EXACT = 2_000;
  static final int NEIGHBOURS = 250;

  private Suggestions() {}

  /** The last collection asked about and its index: a catalog's names are asked about once per unknown tool. */
  private record Cached(Collection<String> of, int size, Index index) {}

  private static volatile Cached last;

  public static Optional<String> closest(String word, Collection<String> candidates) {
    Cached c = last;
    if (c == null || c.of != candidates || c.size != candidates.size()) {
      c = new Cached(candidates, candidates.size(), new Index(candidates));
      last = c;
    }
    return c.index.closest(word);
  }

  /** Candidates prepared for many queries. */
  public static final class Index {
    private final String[] names;
    private final String[] reversed;
    private final Map<String, String> byLowerCase = new HashMap<>();

    public Index(Collection<String> candidates) {
      names = candidates.toArray(String[]::new);
      Arrays.sort(names);
      reversed = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        reversed[i] = new StringBuilder(names[i]).reverse().toString();
      }
      Arrays.sort(reversed);
      for (String n : names) {
        byLowerCase.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), n); // sorted: the smallest wins
      }
    }

    public Optional<String> closest(String word) {
      String sameButCase = byLowerCase.get(word.toLowerCase(java.util.Locale.ROOT));
      if (sameButCase != null && !sameButCase.equals(word)) {
        return Optional.of(sameButCase);
      }
      if (sameButCase != null && names.length <= EXACT) {
        for (String n : names) { // the word is a candidate itself; another equal but for case is nearer than any
          if (!n.equals(word) && n.equalsIgnoreCase(word)) {
            return Optional.of(n);
          }
        }
      }
      int budget = Math.max(1, Math.min(3, word.length() / 3));
      Nearest nearest = new Nearest(word, budget);
      if (names.length <= EXACT) {
        for (String n : names) {
          nearest.consider(n);
        }
      } else {
        int at = insertionPoint(names, word);
        for (int i = Math.max(0, at - NEIGHBOURS); i < Math.min(names.length, at + NEIGHBOURS); i++) {
          nearest.consider(names[i]);
        }
        String drow = new StringBuilder(word).reverse().toString();
        at = insertionPoint(reversed, drow);
        for (int i = Math.max(0, at - NEIGHBOURS); i < Math.min(reversed.length, at + NEIGHBOURS); i++) {
          nearest.consider(new StringBuilder(reversed[i]).reverse().toString());
        }
      }
      return Optional.ofNullable(nearest.best);
    }

    private static int insertionPoint(String[] sorted, String word) {
      int i = Arrays.binarySearch(sorted, word);
      return i >= 0 ? i : -i - 1;
    }
  }

  /** The best candidate so far for one word. */
  private static final class Nearest {
    final String word;
    final int budget;
    String best;
    int bestDistance;

    Nearest(String word, int budget) {
      this.word = word;
      this.budget = budget;
      this.bestDistance = budget + 1;
    }

    void consider(String candidate) {
      if (candidate.equals(word)) {
        return;
      }
      int d = candidate.equalsIgnoreCase(word) ? 0 : distance(word, candidate, budget);
      if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = d;
      }
    }
  }

  /**
   * Optimal string alignment distance; anything over {@code budget} is reported as budget + 1, and
   * the table is abandoned as soon as a whole row is past the budget.
   */
  static int distance(String a, String b, int budget) {
    if (Math.abs(a.length() - b.length()) > budget) {
      return budget + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      d[i][0] = i;
      int rowMin = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
        rowMin = Math.min(rowMin, d[i][j]);
      }
      if (rowMin > budget) {
        return budget + 1; // no later row can come back under it (a row's minimum grows by 0 or 1)
      }
    }
    return Math.min(d[a.length()][b.length()], budget + 1);
  }
}
