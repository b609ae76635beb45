package dev.mcppolicy.time;

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
    assertEquals(Instants.strict(text).orElse(null), new Instants.Reader().read(buffer, 2, text.length()), text);
  }

  /**
   * One reader given a run of instants, as a trace's decoding thread is (most in the minute of the
   * one before, some one character away from it, some not instants at all), reads each as the
   * strict formatter does: what it remembers of the last minute never makes it accept or misread one.
   */
  @Property(tries = 2000)
  void aReaderOfManyInstantsAgreesWithTheStrictFormatterOnEach(@ForAll long seed) {
    Random r = new Random(seed);
    Instants.Reader reader = new Instants.Reader();
    String base = "2026-11-23T00:00:00.026Z";
    for (int k = 0; k < 40; k++) {
      char[] text = base.toCharArray();
      switch (r.nextInt(5)) {
        case 0 -> text[17 + r.nextInt(2)] = (char) ('0' + r.nextInt(10)); // another second of the same minute
        case 1 -> text[r.nextInt(text.length)] = "0123456789:-.TtZz+ x".charAt(r.nextInt(20)); // one character changed
        case 2 -> text = ("2026-11-23T00:0" + r.nextInt(10) + ":" + r.nextInt(6) + r.nextInt(10)
            + FRACTIONS[r.nextInt(FRACTIONS.length)] + ZONES[r.nextInt(ZONES.length)]).toCharArray();
        case 3 -> text = ("2023-02-" + (27 + r.nextInt(3)) + "T23:59:" + r.nextInt(6) + r.nextInt(10) + "Z").toCharArray();
        default -> { } // the same instant again
      }
      String s = new String(text);
      String around = "9:" + s + ".12+01:00";
      // from characters or from ASCII bytes, in any order: the reader remembers one minute for both
      Instant read = r.nextBoolean() ? reader.read(around.toCharArray(), 2, text.length)
          : reader.read(around.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 2, text.length);
      assertEquals(Instants.strict(s).orElse(null), read, s);
      if (r.nextInt(4) == 0) {
        base = s; // later instants are near this one
      }
    }
  }

  @Test
  void aReaderReadsTheSecondsAfterTheMinuteItRemembers() {
    Instants.Reader reader = new Instants.Reader();
    for (String text : new String[] {"2026-11-23T00:00:00.026Z", "2026-11-23T00:00:59.999999999Z", "2026-11-23T00:00:60Z",
        "2026-11-23T00:00X00Z", "2026-11-23T00:00:07+01:00", "2026-11-23T00:00:07", "2026-11-23T00:00:07.Z",
        "2026-11-23t00:00:07z", "2026-11-23T00:01:00Z", "2026-11-23T00:00:01Z",
        "2026-11-23T00:00:01.000000000000000000000000000000Z", "2026-11-23T00:00:02.5Z"}) {
      char[] chars = text.toCharArray();
      assertEquals(Instants.strict(text).orElse(null), reader.read(chars, 0, chars.length), text);
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertEquals(Instants.strict(text).orElse(null), reader.read(bytes, 0, bytes.length), text);
    }
  }

  @Property(tries = 5000)
  void formatWritesWhatInstantToStringWrites(@ForAll long seed) {
    Random r = new Random(seed);
    long seconds = switch (r.nextInt(4)) {
      case 0 -> r.nextLong() % 400_000_000_000L; // about 12,700 years either side of 1970
      case 1 -> Instant.MIN.getEpochSecond() + (r.nextLong() & Long.MAX_VALUE) % 1_000_000_000L;
      case 2 -> 253_402_300_800L + r.nextInt(1_000_000) - 500_000; // around 10000-01-01
      default -> -62_167_219_200L + r.nextInt(1_000_000) - 500_000; // around 0000-01-01
    };
    int nanos = switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> r.nextInt(1000) * 1_000_000;
      case 2 -> r.nextInt(1_000_000) * 1000;
      default -> r.nextInt(1_000_000_000);
    };
    Instant at = Instant.ofEpochSecond(seconds, nanos);
    StringBuilder out = new StringBuilder("x");
    Instants.format(at, out);
    assertEquals("x" + at, out.toString());
  }

  @Test
  void examples() {
    StringBuilder formatted = new StringBuilder();
    Instants.format(Instant.parse("2026-11-23T00:00:00.026Z"), formatted);
    assertEquals("2026-11-23T00:00:00.026Z", formatted.toString());
    assertEquals(Optional.of(Instant.parse("2026-11-21T08:00:00.5Z")), Instants.parse("2026-11-21T10:00:00.5+02:00"));
    assertEquals(Optional.of(Instant.parse("2024-02-29T23:59:59Z")), Instants.parse("2024-02-29T23:59:59z"));
    assertEquals(Optional.empty(), Instants.parse("2023-02-29T00:00:00Z"));
    assertEquals(Optional.of(Instant.parse("0000-01-01T00:00:00Z")), Instants.parse("0000-01-01T00:00:00Z"));
    assertEquals(Optional.empty(), Instants.parse("2026-11-21T10:00:00.1234567891Z"));
    assertEquals(Optional.empty(), Instants.parse("2026-11-21T10:00:00"));
  }
}
