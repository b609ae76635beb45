package dev.mcppolicy.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean": the indexed walk gives exactly what comparing the word with every candidate
 * gives, and a large catalog answers many queries quickly enough to be counted, not timed.
 */
class SuggestionsTest {
  /** The definition: every candidate compared, nearest within the budget, equal-but-case first, smallest on ties. */
  static Optional<String> reference(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int budget = Math.max(1, Math.min(3, word.length() / 3));
    for (String candidate : candidates) {
      if (candidate.equals(word)) {
        continue;
      }
      int d = candidate.equalsIgnoreCase(word) ? 0 : Suggestions.distance(word, candidate, budget);
      if (d <= budget && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String randomName(Random random, int maxLength, String alphabet) {
    int n = 1 + random.nextInt(maxLength);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** A word near a candidate: a few random edits, transpositions among them. */
  private static String typo(Random random, String name, String alphabet) {
    StringBuilder s = new StringBuilder(name);
    for (int e = random.nextInt(4); e > 0 && s.length() > 1; e--) {
      int i = random.nextInt(s.length() - 1);
      switch (random.nextInt(4)) {
        case 0 -> s.deleteCharAt(i);
        case 1 -> s.insert(i, alphabet.charAt(random.nextInt(alphabet.length())));
        case 2 -> s.setCharAt(i, alphabet.charAt(random.nextInt(alphabet.length())));
        default -> {
          char c = s.charAt(i);
          s.setCharAt(i, s.charAt(i + 1));
          s.setCharAt(i + 1, c);
        }
      }
    }
    return s.toString();
  }

  @Test
  void theIndexedWalkAgreesWithComparingEveryCandidate() {
    Random random = new Random(20261201);
    String alphabet = "abcAB_.-xyz";
    for (int round = 0; round < 300; round++) {
      List<String> candidates = new ArrayList<>();
      for (int i = random.nextInt(60); i >= 0; i--) {
        candidates.add(randomName(random, 12, alphabet));
      }
      Suggestions.Index index = new Suggestions.Index(candidates);
      for (int q = 0; q < 20; q++) {
        String word = random.nextBoolean() ? typo(random, candidates.get(random.nextInt(candidates.size())), alphabet)
            : randomName(random, 12, alphabet);
        assertEquals(reference(word, candidates), index.closest(word), "word '" + word + "' among " + candidates);
      }
    }
  }

  @Test
  void knownAnswers() {
    List<String> tools = List.of("odoo_search", "odoo_search_read", "odoo_read", "ODOO_SEARCH", "list_issues");
    assertEquals(Optional.of("ODOO_SEARCH"), Suggestions.closest("Odoo_Search", tools), "equal but for case first");
    assertEquals(Optional.of("odoo_search"), Suggestions.closest("odoo_serch", tools));
    assertEquals(Optional.of("list_issues"), Suggestions.closest("list_isues", tools));
    assertEquals(Optional.of("list_issues"), Suggestions.closest("list_isseus", tools), "a transposition is one edit");
    assertEquals(Optional.empty(), Suggestions.closest("totally_unknown_tool", tools));
    assertEquals(Optional.of("ODOO_SEARCH"), Suggestions.closest("odoo_search", tools), "the word itself is not suggested");
  }

  @Test
  void aLargeCatalogFindsTheToolOfATypoAmongItsNeighbours() {
    Random random = new Random(11);
    String alphabet = "abcdefghijklmnopqrstuvwxyz_";
    TreeSet<String> tools = new TreeSet<>();
    while (tools.size() < 20_000) {
      tools.add("srv" + random.nextInt(40) + "__" + randomName(random, 16, alphabet));
    }
    List<String> names = new ArrayList<>(tools);
    Suggestions.Index index = new Suggestions.Index(tools);
    int agree = 0;
    int queries = 300;
    for (int q = 0; q < queries; q++) {
      String word = typo(random, names.get(random.nextInt(names.size())), alphabet);
      Optional<String> exact = reference(word, tools);
      Optional<String> got = index.closest(word);
      if (got.isPresent() && exact.isPresent()) {
        // a suggestion from the neighbours is never farther than the budget, and nearly always the nearest
        assertTrue(Suggestions.distance(word, got.get(), 3) <= Math.max(1, Math.min(3, word.length() / 3)), got.get());
      }
      // as near as the nearest of all (another tool at the same distance may sort first among all)
      agree += got.map(g -> Suggestions.distance(word, g, 3)).equals(exact.map(e -> Suggestions.distance(word, e, 3))) ? 1 : 0;
    }
    assertTrue(agree >= queries * 95 / 100, agree + " of " + queries + " are as near as comparing every tool finds");
  }

  @Test
  void aHundredThousandToolsAnswerFiveThousandTyposWithBoundedWork() {
    Random random = new Random(7);
    TreeSet<String> tools = new TreeSet<>();
    String alphabet = "abcdefghijklmnopqrstuvwxyz_";
    while (tools.size() < 100_000) {
      tools.add("srv" + random.nextInt(40) + "__" + randomName(random, 16, alphabet));
    }
    List<String> names = new ArrayList<>(tools);
    Suggestions.Index index = new Suggestions.Index(tools);
    int found = 0;
    for (int q = 0; q < 5_000; q++) {
      String word = typo(random, names.get(random.nextInt(names.size())), alphabet);
      found += index.closest(word).isPresent() ? 1 : 0;
    }
    // the typos are at most three edits from a tool, and most within the budget: suggestions are found
    assertTrue(found > 3_000, found + " of 5000");
  }
}
