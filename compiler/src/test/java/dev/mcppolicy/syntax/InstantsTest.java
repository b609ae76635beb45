package dev.mcppolicy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The fast path for RFC 3339 instants agrees with the strict formatter on everything. */
class InstantsTest {
  private static final String[] ZONES = {"Z", "z", "+00:00", "-00:00", "+02:00", "-05:30", "+17:59", "+18:00", "+24:00",
      "+2:00", "+02", "+0200", "", "Z ", "ZZ", "+02:60"};
  private static final String[] FRACTIONS = {"", ".", ".0", ".5", ".123", ".123456789", ".1234567890", ".12a"};

  @Property(tries = 5000)
  void fastAndStrictAgree(@ForAll long seed) {
    Random r = new Random(seed);
    String year = String.format(java.util.Locale.ROOT, "%04d", r.nextInt(10) == 0 ? r.nextInt(10000) : 1900 + r.nextInt(300));
    String month = String.format(java.util.Locale.ROOT, "%02d", r.nextInt(14));
    String day = String.format(java.util.Locale.ROOT, "%02d", r.nextInt(33));
    String hour = String.format(java.util.Locale.ROOT, "%02d", r.nextInt(26));
    String minute = String.format(java.util.Locale.ROOT, "%02d", r.nextInt(62));
    String second = String.format(java.util.Locale.ROOT, "%02d", r.nextInt(62));
    char t = "TtX ".charAt(r.nextInt(r.nextInt(5) == 0 ? 4 : 2));
    String text = year + "-" + month + "-" + day + t + hour + ":" + minute + ":" + second
        + FRACTIONS[r.nextInt(FRACTIONS.length)] + ZONES[r.nextInt(ZONES.length)];
    assertEquals(Instants.strict(text), Instants.parse(text), text);
    // from characters inside a larger buffer, as a trace's parser holds them: the digits around
    // the text must not be read as part of it
    char[] buffer = ("9:" + text + ".12+01:00").toCharArray();
    assertEquals(Instants.strict(text).orElse(null), Instants.parse(buffer, 2, text.length()), text);
  }

  @Test
  void examples() {
    assertEquals(Optional.of(Instant.parse("2026-11-21T08:00:00.5Z")), Instants.parse("2026-11-21T10:00:00.5+02:00"));
    assertEquals(Optional.of(Instant.parse("2024-02-29T23:59:59Z")), Instants.parse("2024-02-29T23:59:59z"));
    assertEquals(Optional.empty(), Instants.parse("2023-02-29T00:00:00Z"));
    assertEquals(Optional.of(Instant.parse("0000-01-01T00:00:00Z")), Instants.parse("0000-01-01T00:00:00Z"));
    assertEquals(Optional.empty(), Instants.parse("2026-11-21T10:00:00.1234567891Z"));
    assertEquals(Optional.empty(), Instants.parse("2026-11-21T10:00:00"));
  }
}
