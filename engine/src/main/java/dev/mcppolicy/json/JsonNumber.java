package dev.mcppolicy.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A number with its exact decimal value, kept as the text it was written in so that a formatter
 * can print a source literal unchanged. {@link #canonical()} gives the form policy.json uses.
 *
 * <p>A value class with a record's contract (equal when the texts are equal; {@code text()};
 * {@code JsonNumber[text=...]}), but not a record: a plain integer also keeps its {@code long}, and
 * the trace scanner makes one from that long alone, writing its text only if asked. A trace holds
 * millions of such numbers (ids, limits, counts), and conditions compare them as longs.
 */
public final class JsonNumber implements JsonValue {

  /** Numbers whose decimal exponent is beyond this are refused: printed in full they would be huge. */
  public static final int MAX_EXPONENT = 1000;

  /** The text it was made from; null for a number {@link #ofPlain made from a long}. */
  private final String written;
  /**
   * For a number made from a long, its text once asked for: written by whichever thread asks
   * first, a benign race as String's hash is (the text depends only on the final {@link #plain}).
   */
  private String fromLong;
  /** The value when it is an integer of 1 to 18 digits (see {@link #plainLong}); else {@link #NOT_PLAIN}. */
  private final long plain;

  public JsonNumber(String text) {
    this.written = Objects.requireNonNull(text);
    this.plain = plainLong(text);
  }

  private JsonNumber(long plain) {
    this.written = null;
    this.plain = plain;
  }

  /**
   * The number written as {@code Long.toString(value)}: what a JSON reader read as a plain integer
   * of 1 to 18 digits without leading zeros, which is exactly that text (never {@code -0}).
   */
  public static JsonNumber ofPlain(long value) {
    if (value <= -1_000_000_000_000_000_000L || value >= 1_000_000_000_000_000_000L) {
      throw new IllegalArgumentException("not an integer of 1 to 18 digits: " + value);
    }
    return new JsonNumber(value);
  }

  /** The number as it was written (or, made from a long, as {@link Long#toString(long)} writes it). */
  public String text() {
    if (written != null) {
      return written;
    }
    String t = fromLong;
    if (t == null) {
      t = Long.toString(plain);
      fromLong = t;
    }
    return t;
  }

  /** The value when the number is an integer of 1 to 18 digits, else {@link #NOT_PLAIN}: {@code plainLong(text())}. */
  public long plainValue() {
    return plain;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof JsonNumber n && text().equals(n.text()); // as a record's: by text, not by value
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return "JsonNumber[text=" + text() + "]";
  }

  public static JsonNumber of(BigDecimal value) {
    return new JsonNumber(canonicalText(value));
  }

  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  @Override
  public String kind() {
    return "a number";
  }

  public BigDecimal decimal() {
    return new BigDecimal(text());
  }

  /**
   * Compares by exact value: as longs when both are plain integers of at most 18 digits (the
   * common case, without allocating), else as decimals.
   */
  public int compareValue(JsonNumber other) {
    if (plain != NOT_PLAIN && other.plain != NOT_PLAIN) {
      return Long.compare(plain, other.plain);
    }
    return decimal().compareTo(other.decimal());
  }

  /** {@link #plainLong}'s answer for text that is not an integer of 1 to 18 digits. */
  public static final long NOT_PLAIN = Long.MIN_VALUE;

  /**
   * The value of an optionally signed integer of 1 to 18 digits, read in one pass; otherwise
   * {@link #NOT_PLAIN} (no such integer has that value: it has 19 digits).
   */
  public static long plainLong(String s) {
    int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
    int n = s.length() - start;
    if (n < 1 || n > 18) {
      return NOT_PLAIN;
    }
    long value = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_PLAIN;
      }
      value = value * 10 + (c - '0');
    }
    return start == 1 ? -value : value;
  }

  /** Why this number cannot be used, if it cannot: its exponent is out of range. */
  public static Optional<String> rangeProblem(String text) {
    if (text.indexOf('e') < 0 && text.indexOf('E') < 0 && text.length() <= JsonReader.MAX_NUMBER_LENGTH) {
      return Optional.empty(); // without an exponent, the digits themselves bound the magnitude
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.of("'" + text + "' is not a number");
    }
    if (value.signum() != 0) {
      long exponent = (long) value.precision() - value.scale() - 1;
      if (Math.abs(exponent) > MAX_EXPONENT) {
        return Optional.of("number " + text + " is out of range (its exponent is beyond "
            + MAX_EXPONENT + ")");
      }
    }
    return Optional.empty();
  }

  /** The canonical form of this number: see {@link #canonicalText(BigDecimal)}. */
  public JsonNumber canonical() {
    String text = text();
    if (plain != NOT_PLAIN && plain != 0 && text.charAt(text.charAt(0) == '-' ? 1 : 0) != '0') {
      return this; // an integer without leading zeros (nor -0) is written as canonicalText writes it
    }
    return of(decimal());
  }

  /**
   * Integers print in full without fraction or exponent; other numbers print in the shorter of
   * plain and scientific notation of their shortest exact value (plain on a tie). {@code -0}
   * prints {@code 0}.
   */
  public static String canonicalText(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return stripped.toBigIntegerExact().toString();
    }
    String plain = stripped.toPlainString();
    String digits = stripped.unscaledValue().abs().toString();
    long exponent = (long) digits.length() - 1 - stripped.scale();
    StringBuilder scientific = new StringBuilder();
    if (stripped.signum() < 0) {
      scientific.append('-');
    }
    scientific.append(digits.charAt(0));
    if (digits.length() > 1) {
      scientific.append('.').append(digits, 1, digits.length());
    }
    scientific.append('e').append(exponent);
    return scientific.length() < plain.length() ? scientific.toString() : plain;
  }

  /**
   * The RFC 8785 (JCS) form: the ECMAScript rendering of the nearest IEEE 754 double.
   *
   * @throws ArithmeticException when the value is beyond the range of a double
   */
  public String jcsText() {
    double d = decimal().doubleValue();
    if (Double.isInfinite(d)) {
      throw new ArithmeticException("number " + text() + " is beyond the range of RFC 8785 numbers");
    }
    if (d == 0) {
      return "0";
    }
    // Shortest digits that round-trip: the closest decimal of the smallest precision that does.
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = exact;
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        shortest = candidate;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = 0.digits * 10^n
    StringBuilder out = new StringBuilder();
    if (d < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      int e = n - 1;
      out.append('e').append(e < 0 ? "-" : "+").append(Math.abs(e));
    }
    return out.toString();
  }

  /** The value as a long, if it is an integer that fits. */
  public Optional<Long> longValue() {
    try {
      BigDecimal value = decimal().stripTrailingZeros();
      if (value.scale() > 0 || (long) value.precision() - value.scale() > 19) {
        return Optional.empty();
      }
      BigInteger integer = value.toBigIntegerExact();
      return integer.bitLength() < 64 ? Optional.of(integer.longValue()) : Optional.empty();
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }
}
