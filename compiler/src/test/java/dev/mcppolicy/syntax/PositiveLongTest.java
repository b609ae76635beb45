package dev.mcppolicy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The counts of limits and of repeated test calls: whole numbers from 1 to Long.MAX_VALUE. */
class PositiveLongTest {
  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(value = {
      "1, 1",
      "600, 600",
      "007, 7",
      "9223372036854775807, 9223372036854775807",
      "9223372036854775808, none",
      "92233720368547758070, none",
      "99999999999999999999, none",
      "0, none",
      "000, none",
      "-1, none",
      "+1, none",
      "1.5, none",
      "1e3, none",
      "'', none",
      "١٢, none", // Arabic-Indic digits: a count is ASCII digits
  }, emptyValue = "")
  void readsWholeNumbersFromOneToLongMax(String text, String expected) {
    Optional<Long> want = expected.equals("none") ? Optional.empty() : Optional.of(Long.parseLong(expected));
    assertEquals(want, AstBuilder.positiveLong(text));
  }
}
