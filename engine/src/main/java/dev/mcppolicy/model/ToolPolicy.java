package dev.mcppolicy.model;

import java.util.List;

/** The entry of one tool under {@code tools}; empty lists are left out of the JSON. */
public record ToolPolicy(List<Rule> require, List<Rule> denyIf, List<Limit> limits) {
  public static final ToolPolicy EMPTY = new ToolPolicy(List.of(), List.of(), List.of());

  public ToolPolicy {
    require = List.copyOf(require);
    denyIf = List.copyOf(denyIf);
    limits = List.copyOf(limits);
  }
}
