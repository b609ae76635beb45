package dev.mcppolicy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid patterns are remembered (a preset repeats one across many tools); answers never change for it. */
class RegexCheckTest {
  @Test
  void aPatternGetsTheSameAnswerEveryTime() {
    for (int round = 0; round < 3; round++) {
      assertEquals(Optional.empty(), RegexCheck.check("(?i)\\b(delete|drop)\\b"));
      assertEquals(Optional.of(new RegexCheck.Problem("invalid RE2 pattern: missing closing )", 0)),
          RegexCheck.check("(unclosed"));
      assertTrue(RegexCheck.check("a(?=b)").isPresent(), "lookahead is not RE2");
    }
  }

  @Test
  void manyDistinctPatternsAreStillCheckedOneByOne() {
    for (int i = 0; i < 3_000; i++) {
      assertEquals(Optional.empty(), RegexCheck.check("x" + i + "[a-z]*"));
      assertTrue(RegexCheck.check("x" + i + "(").isPresent());
    }
  }
}
