package dev.mcppolicy.model;

import java.util.Optional;

/**
 * How the upstream answered an allowed call: {@code rpc_error} (a JSON-RPC error) gives the
 * quota back, {@code tool_error} (a result with {@code isError: true}) still counts.
 */
public enum Outcome implements Word {
  OK("ok"), TOOL_ERROR("tool_error"), RPC_ERROR("rpc_error");

  private final String word;

  Outcome(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }

  public static Optional<Outcome> fromWord(String w) {
    return Word.parse(Outcome.class, w);
  }
}
