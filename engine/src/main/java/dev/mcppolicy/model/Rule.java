package dev.mcppolicy.model;

import java.util.List;
import java.util.Optional;

/** A {@code require} or {@code deny_if} entry. */
public record Rule(List<Condition> conditions, Optional<String> onDeny) {
  public Rule {
    conditions = List.copyOf(conditions);
  }
}
