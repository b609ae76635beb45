package dev.mcppolicy.syntax;

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

  private Instants() {}

  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, RFC_3339).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
