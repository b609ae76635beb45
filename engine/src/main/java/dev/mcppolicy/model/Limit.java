package dev.mcppolicy.model;

import java.util.Objects;

/** {@code {"counter": NAME, "window": W, "max": N, "scope": "grant"}}; grant is the only scope. */
public record Limit(String counter, Window window, long max) {
  public Limit {
    Objects.requireNonNull(counter);
    Objects.requireNonNull(window);
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
  }
}
