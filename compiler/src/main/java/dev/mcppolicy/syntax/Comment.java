package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;

/** A {@code #} or {@code //} comment, kept so the formatter can put it back. */
public record Comment(String text, Span span) {}
