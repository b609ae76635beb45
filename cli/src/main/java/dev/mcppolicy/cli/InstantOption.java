package dev.mcppolicy.cli;

import dev.mcppolicy.time.Instants;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** An option that takes an instant ({@code --start}, {@code --at}): RFC 3339 with a zone, in the years a simulator decides. */
final class InstantOption {
  private InstantOption() {}

  /** {@code text} as an instant, or a usage error naming {@code option} and what is wrong. */
  static Instant parse(CommandSpec spec, String option, String text) {
    Optional<Instant> at = Instants.parse(text);
    if (at.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          option + " takes an RFC 3339 instant with a zone, as in 2026-11-21T10:00:00Z, not '" + text + "'");
    }
    if (!Instants.decidable(at.get())) {
      throw new ParameterException(spec.commandLine(),
          option + " " + text + " is outside " + Instants.DECIDABLE + ", the instants a replay decides at");
    }
    return at.get();
  }

  /** As {@link #parse}, for an option that may be left out (null). */
  static Optional<Instant> optional(CommandSpec spec, String option, String text) {
    return text == null ? Optional.empty() : Optional.of(parse(spec, option, text));
  }
}
