package dev.mcppolicy.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * RFC 3339 instants: seconds required, 0 to 9 fractional digits, {@code Z} or an offset required
 * (never the machine's zone).
 */
public final class Instants {
  private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendValue(ChronoField.YEAR, 4)
      .appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2)
      .appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 2)
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter(java.util.Locale.ROOT)
      .withChronology(IsoChronology.INSTANCE)
      .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The instants calls are decided at. The simulator counts in nanoseconds since 1970 in a long,
   * which reaches from 1677 to 2262; these bounds leave every window room on both sides. Trace
   * readers and test steps refuse instants outside them, with a message that quotes {@link #DECIDABLE}.
   */
  public static final Instant EARLIEST = Instant.parse("1700-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("2199-12-31T23:59:59.999999999Z");
  /** The decidable range in words, for messages. */
  public static final String DECIDABLE = "the years 1700 to 2199";

  private Instants() {}

  /** Whether calls at {@code at} can be decided: between {@link #EARLIEST} and {@link #LATEST}. */
  public static boolean decidable(Instant at) {
    return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
  }

  public static Optional<Instant> parse(String text) {
    Instant fast = fast(text.toCharArray(), 0, text.length());
    return fast != null ? Optional.of(fast) : strict(text);
  }

  /**
   * Appends {@code at} exactly as {@link Instant#toString} writes it (ISO-8601 in UTC, the
   * fraction in groups of three digits, only as many as needed), without a formatter for the
   * years 0000 to 9999; other years are left to {@link Instant#toString}. Reports write millions.
   */
  public static void format(Instant at, StringBuilder out) {
    long seconds = at.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    // the civil date of a day number (the inverse of epochDay below)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      out.append(at);
      return;
    }
    pad(year, 4, out);
    out.append('-');
    pad(month, 2, out);
    out.append('-');
    pad(day, 2, out);
    out.append('T');
    pad(secondOfDay / 3600, 2, out);
    out.append(':');
    pad(secondOfDay / 60 % 60, 2, out);
    out.append(':');
    pad(secondOfDay % 60, 2, out);
    int nano = at.getNano();
    if (nano != 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        pad(nano / 1_000_000, 3, out);
      } else if (nano % 1000 == 0) {
        pad(nano / 1000, 6, out);
      } else {
        pad(nano, 9, out);
      }
    }
    out.append('Z');
  }

  private static void pad(long value, int width, StringBuilder out) {
    for (long limit = 10; width > 1; width--, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    out.append(value);
  }

  /** The formatter's answer: the definition of what is valid. */
  static Optional<Instant> strict(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, RFC_3339).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The common shape {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM)} with every field in range,
   * in {@code s[from .. from + n)}, read without allocating; null for anything else, which
   * {@link #strict} then decides (so the two always agree: a property test checks it).
   */
  static Instant fast(char[] s, int from, int n) {
    long minute = minute(s, from, n);
    return minute == NOT_A_MINUTE ? null : fromSeconds(s, from, n, minute);
  }

  /** {@link #minute}'s answer when the text does not begin with a valid date, hour and minute. */
  private static final long NOT_A_MINUTE = Long.MIN_VALUE;

  /**
   * The first {@link #MINUTE} characters of the common shape, {@code YYYY-MM-DDTHH:MM:}, checked:
   * the epoch second of that minute (before any offset), or {@link #NOT_A_MINUTE}. The text must
   * be at least 20 characters long, the shortest the shape allows.
   */
  private static long minute(char[] s, int from, int n) {
    if (n < 20 || s[from + 4] != '-' || s[from + 7] != '-' || (s[from + 10] != 'T' && s[from + 10] != 't')
        || s[from + 13] != ':' || s[from + 16] != ':') {
      return NOT_A_MINUTE;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59) {
      return NOT_A_MINUTE;
    }
    return epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L;
  }

  /** How many characters {@link #minute} checks: {@code YYYY-MM-DDTHH:MM:}, the colon before the seconds included. */
  private static final int MINUTE = 17;

  /**
   * The rest of the common shape after a valid minute, {@code :SS[.fraction](Z|+HH:MM)}, checked:
   * the instant, {@code minute} being the epoch second {@link #minute} gave; null if the rest is
   * not valid.
   */
  private static Instant fromSeconds(char[] s, int from, int n, long minute) {
    int second = digits(s, from + 17, 2);
    if (second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s[from + i] == '.') {
      int start = ++i;
      while (i < n && s[from + i] >= '0' && s[from + i] <= '9') {
        i++;
      }
      int count = i - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nanos = digits(s, from + start, count);
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offset;
    if (i == n - 1 && (s[from + i] == 'Z' || s[from + i] == 'z')) {
      offset = 0;
    } else if (i == n - 6 && (s[from + i] == '+' || s[from + i] == '-') && s[from + i + 3] == ':') {
      int oh = digits(s, from + i + 1, 2);
      int om = digits(s, from + i + 4, 2);
      if (oh < 0 || oh > 17 || om < 0 || om > 59) {
        return null;
      }
      offset = (s[from + i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    return Instant.ofEpochSecond(minute + second - offset, nanos);
  }

  /**
   * Reads the instants of a trace, one after another on one thread, as {@link #parse(String)}
   * does, without making a String of each (a trace holds millions). It remembers the date, hour
   * and minute of the last instant it read in the common shape, and reads an instant in that same
   * minute (most of a trace's) from its seconds on, from characters or straight from ASCII bytes.
   * Not safe to share between threads.
   */
  public static final class Reader {
    /**
     * {@code [0, MINUTE)}: the first characters of the last instant read in the common shape
     * (valid if {@link #known}); after them, the rest of an instant read from bytes.
     */
    private final char[] minuteAndSeconds = new char[40];
    /** The same first characters, as bytes. */
    private final byte[] minuteBytes = new byte[MINUTE];
    private boolean known;
    /** Their epoch second: see {@link #minute}. */
    private long lastMinute;
    /** For an instant read from bytes in another minute: its characters. */
    private char[] text = new char[40];

    /** The instant in {@code s[from .. from + n)}, or null if it is not one. */
    public Instant read(char[] s, int from, int n) {
      if (known && n >= 20 && sameMinute(s, from)) {
        Instant at = fromSeconds(s, from, n, lastMinute);
        if (at != null) {
          return at;
        }
      } else {
        long minute = minute(s, from, n);
        if (minute != NOT_A_MINUTE) {
          System.arraycopy(s, from, minuteAndSeconds, 0, MINUTE);
          for (int i = 0; i < MINUTE; i++) {
            minuteBytes[i] = (byte) s[from + i]; // ASCII: minute() read digits, '-', 'T' or 't', and ':'
          }
          lastMinute = minute;
          known = true;
          Instant at = fromSeconds(s, from, n, minute);
          if (at != null) {
            return at;
          }
        }
      }
      return strict(new String(s, from, n)).orElse(null);
    }

    /** The instant in {@code ascii[from .. from + n)}, bytes that are each an ASCII character; null if it is not one. */
    public Instant read(byte[] ascii, int from, int n) {
      if (known && n >= 20 && n <= minuteAndSeconds.length && sameMinute(ascii, from)) {
        for (int i = MINUTE; i < n; i++) {
          minuteAndSeconds[i] = (char) ascii[from + i];
        }
        Instant at = fromSeconds(minuteAndSeconds, 0, n, lastMinute);
        if (at != null) {
          return at;
        }
      }
      if (text.length < n) {
        text = new char[n];
      }
      for (int i = 0; i < n; i++) {
        text[i] = (char) ascii[from + i];
      }
      return read(text, 0, n);
    }

    private boolean sameMinute(char[] s, int from) {
      for (int i = 0; i < MINUTE; i++) {
        if (s[from + i] != minuteAndSeconds[i]) {
          return false;
        }
      }
      return true;
    }

    private boolean sameMinute(byte[] s, int from) {
      for (int i = 0; i < MINUTE; i++) {
        if (s[from + i] != minuteBytes[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private static int digits(char[] s, int from, int count) {
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = s[k];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
