package dev.mcppolicy.sim;

import dev.mcppolicy.model.Outcome;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code tools/call} to decide: who, which tool, with what, when, and how it ended.
 *
 * @param answeredAt when the upstream answer arrived, if that is known and later than {@code at}
 *     (a JSON-RPC log says): a call that ends in a JSON-RPC error holds its quota until then. Null
 *     when unknown: the quota of such a call is given back at once.
 */
public record Call(String grant, String tool, Arguments arguments, Instant at, Outcome outcome, Instant answeredAt) {
  public Call {
    Objects.requireNonNull(grant);
    Objects.requireNonNull(tool);
    Objects.requireNonNull(arguments);
    Objects.requireNonNull(at);
    Objects.requireNonNull(outcome);
  }

  public Call(String grant, String tool, Arguments arguments, Instant at, Outcome outcome) {
    this(grant, tool, arguments, at, outcome, null);
  }
}
