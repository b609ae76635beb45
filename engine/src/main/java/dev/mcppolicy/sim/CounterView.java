package dev.mcppolicy.sim;

import dev.mcppolicy.model.Window;
import java.time.Instant;

/**
 * A counter a call was checked against: its value after the call (an allowed call that counts is
 * included; a denied one is not) and the window it was counted in, {@code [from, to)}.
 */
public record CounterView(String counter, Window window, long max, long value, Instant from, Instant to) {
  @Override
  public String toString() {
    return counter + " = " + value + "/" + max + " per " + window.word() + " in [" + from + ", " + to + ")";
  }
}
