package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefilterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
      "(?i)\\b(delete|drop|update)\\b; (?i)delete|drop|update",
      "^/etc/passwd$; /etc/passwd",
      "secret; secret",
      "api[_-]?key; api",
      "(foo|bar)+baz; foo|bar",
      "x+yz; yz",
      "ab.*cd; ab",
      "(?s)ab(c|d)e; abce|abde",
      "(?:ab){2,}; ab",
      "(?P<word>hello) world; hello world",
      "\\.env$; .env",
  })
  void extractsTheLiteralsEveryMatchContains(String pattern, String expected) {
    assertEquals(expected, Prefilter.of(pattern).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "a|b",            // single characters rule out too little
      "abc|",           // may match the empty string
      "(abc)?",
      "abc*",           // only 'ab' is required... which is kept: see below
      "[[:alpha:]]+",
      "\\x41BC",        // escapes it does not read
      "\\pLabc",
      "ab(?i)cd",       // flags inside the pattern
      "(?i:ab)cd",
      "(?i)é+abc",      // non-ASCII under (?i)
      ".*",
  })
  void givesNoPrefilterWhenItCannotHelpOrDoesNotReadTheSyntax(String pattern) {
    Prefilter p = Prefilter.of(pattern);
    if ("abc*".equals(pattern)) {
      assertEquals("ab", p.toString());
      return;
    }
    assertNull(p, () -> pattern + " -> " + p);
  }

  @Test
  void ignoringCaseFoldsAsciiAndLeavesOtherTextToTheRegex() {
    Prefilter p = Prefilter.of("(?i)drop");
    assertTrue(p.mayMatch("DROP TABLE x"));
    assertTrue(p.mayMatch("dRoP"));
    assertFalse(p.mayMatch("SELECT 1"));
    // RE2 folds the Kelvin sign onto k: a string with it is always left to the regex
    Prefilter k = Prefilter.of("(?i)kill");
    assertTrue(Pattern.compile("(?i)kill").matcher("\u212Aill").find());
    assertTrue(k.mayMatch("\u212Aill"));
  }

  @Test
  void neverRulesOutAStringTheRegexMatches() {
    Random random = new Random(20261121L);
    int withPrefilter = 0;
    for (int n = 0; n < 20_000; n++) {
      String pattern = pattern(random, 3);
      if (random.nextInt(4) == 0) {
        pattern = "(?i)" + pattern;
      }
      Pattern regex;
      try {
        regex = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        continue;
      }
      Prefilter p = Prefilter.of(pattern);
      if (p == null) {
        continue;
      }
      withPrefilter++;
      for (int k = 0; k < 20; k++) {
        String input = input(random, p);
        if (regex.matcher(input).find()) {
          String shown = pattern;
          assertTrue(p.mayMatch(input), () -> "prefilter " + p + " of " + shown + " ruled out " + input);
        }
      }
    }
    assertTrue(withPrefilter > 1_000, "too few patterns had a prefilter: " + withPrefilter);
  }

  private static final List<String> ATOMS = List.of("a", "b", "c", "A", "K", "k", "s", ".", "\\.", "-", "\\d",
      "\\w", "\\s", "[ab]", "[^a]", "[a-c]", "\\b", "^", "$", " ");

  private static String pattern(Random random, int depth) {
    StringBuilder out = new StringBuilder();
    int items = 1 + random.nextInt(5);
    for (int i = 0; i < items; i++) {
      int kind = random.nextInt(10);
      if (kind < 6 || depth == 0) {
        out.append(ATOMS.get(random.nextInt(ATOMS.size())));
      } else if (kind < 8) {
        out.append(random.nextBoolean() ? "(" : "(?:").append(pattern(random, depth - 1)).append(')');
      } else {
        out.append('(').append(pattern(random, depth - 1)).append('|').append(pattern(random, depth - 1)).append(')');
      }
      switch (random.nextInt(12)) {
        case 0 -> out.append('*');
        case 1 -> out.append('+');
        case 2 -> out.append('?');
        case 3 -> out.append("{2}");
        case 4 -> out.append("{0,2}");
        case 5 -> out.append("+?");
        default -> { }
      }
    }
    return out.toString();
  }

  /** Text built from the alphabet, the prefilter's own literals in any case, and a few foldable letters. */
  private static String input(Random random, Prefilter p) {
    StringBuilder out = new StringBuilder();
    int parts = random.nextInt(6);
    for (int i = 0; i < parts; i++) {
      switch (random.nextInt(5)) {
        case 0 -> {
          String l = p.literals().get(random.nextInt(p.literals().size()));
          out.append(random.nextBoolean() ? l : l.toUpperCase(java.util.Locale.ROOT));
        }
        case 1 -> out.append("\u212A\u017F".charAt(random.nextInt(2)));
        default -> out.append("abcAKks.-1 _".charAt(random.nextInt(12)));
      }
    }
    return out.toString();
  }
}
