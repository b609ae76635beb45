package dev.mcppolicy.syntax;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.model.Window;
import java.util.Optional;

/** {@code limit N/W [per grant] [as NAME]}; {@code perGrant} records whether it was written. */
public record LimitClause(long count, Window window, boolean perGrant, Optional<Name> counter, Span span) {}
