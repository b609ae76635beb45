package dev.mcppolicy.sim;

import dev.mcppolicy.model.Outcome;

import java.time.Instant;
import java.util.Objects;

/** One {@code tools/call} to decide: who, which tool, with what, when, and how it ended. */
public record Call(String grant, String tool, Arguments arguments, Instant at, Outcome outcome) {
  public Call {
    Objects.requireNonNull(grant);
    Objects.requireNonNull(tool);
    Objects.requireNonNull(arguments);
    Objects.requireNonNull(at);
    Objects.requireNonNull(outcome);
  }
}
