package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;

/** A string literal: its decoded value, the raw source text (with quotes) and where it is. */
public record Str(String value, String raw, Span span) {
  /** The span of the character at decoded index {@code index}, for pointing inside a string. */
  public Span spanOf(int index) {
    return span.inside(1 + Strings.rawOffset(raw, index), 1);
  }
}
