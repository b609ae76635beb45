package dev.mcppolicy.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class JsonNumberTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "1e3, 1000",
      "0.50, 0.5",
      "1e-7, 1e-7",
      "-0, 0",
      "-0.0, 0",
      "0.0001, 1e-4",
      "0.01, 0.01",
      "1E-2, 0.01",
      "123.456, 123.456",
      "12.50, 12.5",
      "-2.5E+2, -250",
      "1.5e3, 1500",
      "0.1000000000000000000000001, 0.1000000000000000000000001",
      "12345678901234567890123, 12345678901234567890123",
      "1e21, 1000000000000000000000",
      "-1.25e-10, -1.25e-10",
      "0, 0",
      "7, 7",
      "-7, -7",
      "500, 500",
      "007, 7",
      "-007, -7",
      "-00, 0",
      "123456789012345678, 123456789012345678",
      "1234567890123456789, 1234567890123456789",
  })
  void canonicalFormIsIntegerOrShortestExact(String text, String canonical) {
    assertEquals(canonical, new JsonNumber(text).canonical().text());
  }

  /** Integers take a short cut to their canonical form; it must give what the exact decimal path gives. */
  @Property(tries = 3000)
  void integersAreCanonicalAsTheirExactDecimal(@ForAll boolean negative, @ForAll @IntRange(max = 3) int zeros,
      @ForAll @LongRange(min = 0) long digits) {
    String text = (negative ? "-" : "") + "0".repeat(zeros) + digits;
    assertEquals(JsonNumber.canonicalText(new BigDecimal(text)), new JsonNumber(text).canonical().text(), text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // RFC 8785 appendix B and the ECMAScript Number::toString rules
      "333333333.33333329, 333333333.3333333",
      "1E30, 1e+30",
      "4.50, 4.5",
      "2e-3, 0.002",
      "0.000000000000000000000000001, 1e-27",
      "-0, 0",
      "1e21, 1e+21",
      "1e20, 100000000000000000000",
      "9007199254740993, 9007199254740992",
      "0.000001, 0.000001",
      "0.0000001, 1e-7",
      "-1.5, -1.5",
      "5e-324, 5e-324",
      "1.7976931348623157e308, 1.7976931348623157e+308",
  })
  void jcsFormIsEcmaScriptOfTheNearestDouble(String text, String jcs) {
    assertEquals(jcs, new JsonNumber(text).jcsText());
  }

  @Test
  void jcsRefusesNumbersBeyondDoubleRange() {
    assertThrows(ArithmeticException.class, () -> new JsonNumber("1e400").jcsText());
  }

  @Test
  void rangeProblemBoundsTheExponent() {
    assertEquals(Optional.empty(), JsonNumber.rangeProblem("1e1000"));
    assertTrue(JsonNumber.rangeProblem("1e1001").isPresent());
    assertTrue(JsonNumber.rangeProblem("1e-1001").isPresent());
    assertEquals(Optional.empty(), JsonNumber.rangeProblem("0e99999"));
  }

  @Test
  void longValueOnlyForIntegersThatFit() {
    assertEquals(Optional.of(10L), new JsonNumber("1e1").longValue());
    assertEquals(Optional.of(Long.MAX_VALUE), new JsonNumber("9223372036854775807").longValue());
    assertEquals(Optional.empty(), new JsonNumber("9223372036854775808").longValue());
    assertEquals(Optional.empty(), new JsonNumber("1.5").longValue());
    assertEquals(Optional.empty(), new JsonNumber("1e999").longValue());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "0, 0", "-0, 0", "7, 7", "-42, -42", "123456789012345678, 123456789012345678",
      "-123456789012345678, -123456789012345678"})
  void plainLongReadsIntegersOfUpTo18Digits(String text, long value) {
    assertEquals(value, JsonNumber.plainLong(text));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "[{0}]")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"", "-", "1234567890123456789", "1.5", "1e3", "+1", "0x10", "--1"})
  void plainLongDeclinesEverythingElse(String text) {
    assertEquals(JsonNumber.NOT_PLAIN, JsonNumber.plainLong(text));
  }

  @Test
  void compareValueAgreesWithDecimalsAcrossTheFastPath() {
    String[] numbers = {"0", "-0", "5", "5.0", "-5", "1e1", "10", "123456789012345678", "1234567890123456789",
        "-1234567890123456789", "0.5", "-0.5", "99999999999999999999"};
    for (String a : numbers) {
      for (String b : numbers) {
        assertEquals(Integer.signum(new BigDecimal(a).compareTo(new BigDecimal(b))),
            Integer.signum(new JsonNumber(a).compareValue(new JsonNumber(b))), a + " vs " + b);
      }
    }
  }

  @Test
  void sameValueComparesNumbersByValue() {
    assertTrue(JsonValue.sameValue(new JsonNumber("5"), new JsonNumber("5.0")));
    assertTrue(!JsonValue.sameValue(new JsonNumber("5"), new JsonString("5")));
    assertEquals(new BigDecimal("0.1000000000000000000000001"), new JsonNumber("0.1000000000000000000000001").decimal());
  }

  /**
   * A number the scanner makes from a long has the text a reader would have kept for it, and
   * behaves as the number made from that text: equal, same hash, same words, same value.
   */
  @Property(tries = 3000)
  void aNumberMadeFromItsLongIsTheNumberOfItsText(@ForAll @LongRange(min = -999_999_999_999_999_999L,
      max = 999_999_999_999_999_999L) long value) {
    JsonNumber fromLong = JsonNumber.ofPlain(value);
    JsonNumber fromText = new JsonNumber(Long.toString(value));
    assertEquals(fromText, fromLong);
    assertEquals(fromLong, fromText);
    assertEquals(fromText.hashCode(), fromLong.hashCode());
    assertEquals(fromText.toString(), fromLong.toString());
    assertEquals(Long.toString(value), fromLong.text());
    assertEquals(value, fromLong.plainValue());
    assertEquals(0, fromLong.compareValue(fromText));
    assertEquals(fromText.canonical(), fromLong.canonical());
  }

  @Test
  void onlyIntegersOfUpTo18DigitsAreMadeFromALong() {
    assertThrows(IllegalArgumentException.class, () -> JsonNumber.ofPlain(1_000_000_000_000_000_000L));
    assertThrows(IllegalArgumentException.class, () -> JsonNumber.ofPlain(-1_000_000_000_000_000_000L));
    assertThrows(IllegalArgumentException.class, () -> JsonNumber.ofPlain(Long.MIN_VALUE));
  }

  /** Equality is a record's: by text, so the same value spelt differently is another number (sameValue compares values). */
  @Test
  void equalityIsByTextAsARecordsWas() {
    assertEquals("JsonNumber[text=007]", new JsonNumber("007").toString());
    assertTrue(!new JsonNumber("007").equals(JsonNumber.ofPlain(7)));
    assertTrue(!JsonNumber.ofPlain(7).equals(new JsonNumber("7.0")));
    assertTrue(JsonValue.sameValue(JsonNumber.ofPlain(7), new JsonNumber("7.0")));
    assertEquals(7, new JsonNumber("007").plainValue());
    assertEquals(JsonNumber.NOT_PLAIN, new JsonNumber("7.0").plainValue());
  }
}
