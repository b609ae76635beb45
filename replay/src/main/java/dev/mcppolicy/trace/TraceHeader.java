package dev.mcppolicy.trace;

import java.util.Optional;

/** The optional first line {@code {"trace": {"version": 1, "grant": "...", "policy": "..."}}}. */
public record TraceHeader(Optional<String> grant, Optional<String> policy) {
  public static final TraceHeader NONE = new TraceHeader(Optional.empty(), Optional.empty());
}
