package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.re2j.Pattern;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A condition's pattern with its prefilter and remembered answers: always RE2/J's answer. */
class RegexTest {
  private static final List<String> PATTERNS = List.of(
      "(?i)\\b(delete|drop|update)\\b", "^/etc/", "[0-9]{3}", "a|b", "x*", "(?i)kelvin", "\\.exe$");

  @Test
  void stringsWithTheSameHashGetTheirOwnAnswers() {
    // one character: too short for a prefilter, so every string reaches the remembered answers
    ConditionPlan.Regex regex = ConditionPlan.Regex.of("A");
    assertEquals("Aa".hashCode(), "BB".hashCode());
    for (int round = 0; round < 3; round++) {
      assertEquals(true, regex.find("Aa"));
      assertEquals(false, regex.find("BB"));
      assertEquals(true, regex.find("AaBB"));
      assertEquals(false, regex.find("BBBB")); // the same hash as "AaBB" too
    }
  }

  @Test
  void aLongStringIsDecidedEachTime() {
    ConditionPlan.Regex regex = ConditionPlan.Regex.of("(?i)\\bdrop\\b");
    String quiet = "select 1 ".repeat(200);
    String loud = quiet + "DROP table";
    for (int round = 0; round < 3; round++) {
      assertEquals(false, regex.find(quiet));
      assertEquals(true, regex.find(loud));
    }
  }

  /** Calls with strings drawn from a small set, so that most are met again, in any order. */
  @Property(tries = 300)
  void answersAreRe2jsWhetherRememberedOrNot(@ForAll("calls") List<String> calls, @ForAll("patterns") String source) {
    ConditionPlan.Regex regex = ConditionPlan.Regex.of(source);
    Pattern pattern = Pattern.compile(source);
    for (String s : calls) {
      assertEquals(pattern.matcher(s).find(), regex.find(s), () -> source + " on " + s);
    }
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of(PATTERNS);
  }

  @Provide
  Arbitrary<List<String>> calls() {
    Arbitrary<String> word = Arbitraries.of("delete", "DROP", "Update", "select", "/etc/passwd", "123", "ab", "x",
        "KELVIN", "\u212Aelvin", "run.exe", "Aa", "BB", " ", "");
    Arbitrary<String> text = word.list().ofMaxSize(4).map(ws -> String.join(" ", ws));
    return text.list().ofMaxSize(12).flatMap(distinct -> distinct.isEmpty()
        ? Arbitraries.just(List.of())
        : Arbitraries.of(distinct).list().ofMaxSize(60));
  }
}
