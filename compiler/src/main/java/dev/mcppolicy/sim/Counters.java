package dev.mcppolicy.sim;

import dev.mcppolicy.model.Window;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of every grant. A calendar counter holds its current window and count, reset when
 * a call falls in a later window; a sliding counter holds the instants it counted within the last
 * window-length.
 */
final class Counters {
  private final WindowMode mode;
  private final Map<String, Map<String, Object>> byGrant = new HashMap<>();

  Counters(WindowMode mode) {
    this.mode = mode;
  }

  /** A counter's state for one call: its value before the call and its window. */
  record Reading(long value, Instant from, Instant to) {}

  Reading read(String grant, String counter, Window window, Instant at) {
    Object state = byGrant.computeIfAbsent(grant, g -> new HashMap<>()).get(counter);
    if (mode == WindowMode.CALENDAR) {
      long seconds = window.millis() / 1000;
      long index = Math.floorDiv(at.getEpochSecond(), seconds);
      Instant from = Instant.ofEpochSecond(index * seconds);
      long value = state instanceof long[] c && c[0] == index ? c[1] : 0;
      return new Reading(value, from, from.plusSeconds(seconds));
    }
    Instant from = at.minusMillis(window.millis());
    long value = 0;
    if (state instanceof SlidingWindow w) {
      w.evict(nanos(from));
      value = w.size();
    }
    return new Reading(value, from, at);
  }

  void count(String grant, String counter, Window window, Instant at) {
    Map<String, Object> counters = byGrant.computeIfAbsent(grant, g -> new HashMap<>());
    if (mode == WindowMode.CALENDAR) {
      long index = Math.floorDiv(at.getEpochSecond(), window.millis() / 1000);
      Object state = counters.get(counter);
      if (state instanceof long[] c && c[0] == index) {
        c[1]++;
      } else {
        counters.put(counter, new long[] {index, 1});
      }
    } else {
      ((SlidingWindow) counters.computeIfAbsent(counter, c -> new SlidingWindow())).add(nanos(at));
    }
  }

  void clear() {
    byGrant.clear();
  }

  private static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  /** Instants (epoch nanoseconds) counted in a sliding window, oldest first. */
  private static final class SlidingWindow {
    private final ArrayDeque<Long> instants = new ArrayDeque<>();

    void add(long nanos) {
      instants.addLast(nanos);
    }

    /** A call counts against {@code (at - window, at]}: instants at or before the start leave. */
    void evict(long start) {
      while (!instants.isEmpty() && instants.peekFirst() <= start) {
        instants.removeFirst();
      }
    }

    long size() {
      return instants.size();
    }
  }
}
