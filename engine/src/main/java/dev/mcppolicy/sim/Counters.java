package dev.mcppolicy.sim;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of every grant, each counter known by its index in the policy. A calendar counter
 * holds its current window and count (reset when a call falls in a later window); a sliding
 * counter holds the instants it counted within the last window-length. Nothing here allocates
 * per call once a grant has been seen.
 */
final class Counters {
  private final WindowMode mode;
  private final int size;
  private final Map<String, Grant> grants = new HashMap<>();

  Counters(WindowMode mode, int size) {
    this.mode = mode;
    this.size = size;
  }

  /** One grant's counters. */
  final class Grant {
    private final long[] window = new long[size];
    private final long[] count = new long[size];
    private final ArrayDeque<Long>[] sliding;

    @SuppressWarnings("unchecked")
    Grant() {
      java.util.Arrays.fill(window, Long.MIN_VALUE);
      sliding = mode == WindowMode.SLIDING ? new ArrayDeque[size] : null;
    }

    /** The value before a call at {@code nanos} (epoch nanoseconds) of counter {@code i}. */
    long read(int i, long windowNanos, long nanos) {
      if (sliding == null) {
        long index = Math.floorDiv(nanos, windowNanos);
        return window[i] == index ? count[i] : 0;
      }
      ArrayDeque<Long> counted = sliding[i];
      if (counted == null) {
        return 0;
      }
      // a call counts against (t - window, t]: instants at or before the start leave
      long start = nanos - windowNanos;
      while (!counted.isEmpty() && counted.peekFirst() <= start) {
        counted.removeFirst();
      }
      return counted.size();
    }

    /** Takes back one call counted at {@code nanos}: its window's count, if that window is still the counter's. */
    void uncount(int i, long windowNanos, long nanos) {
      if (sliding == null) {
        if (window[i] == Math.floorDiv(nanos, windowNanos) && count[i] > 0) {
          count[i]--;
        }
      } else if (sliding[i] != null) {
        sliding[i].removeFirstOccurrence(nanos);
      }
    }

    void count(int i, long windowNanos, long nanos) {
      if (sliding == null) {
        long index = Math.floorDiv(nanos, windowNanos);
        if (window[i] == index) {
          count[i]++;
        } else {
          window[i] = index;
          count[i] = 1;
        }
      } else {
        if (sliding[i] == null) {
          sliding[i] = new ArrayDeque<>();
        }
        sliding[i].addLast(nanos);
      }
    }
  }

  Grant grant(String name) {
    return grants.computeIfAbsent(name, g -> new Grant());
  }

  boolean sliding() {
    return mode == WindowMode.SLIDING;
  }

  void clear() {
    grants.clear();
  }
}
