package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;

/** A tool or counter name, written bare ({@code odoo_search}) or quoted ({@code "odd name"}). */
public record Name(String value, boolean quoted, Span span) {}
