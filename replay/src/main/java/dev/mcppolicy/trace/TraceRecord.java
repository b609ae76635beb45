package dev.mcppolicy.trace;

import dev.mcppolicy.sim.Call;
import java.util.Optional;

/** One recorded call, with where it was read and what it expects, if anything. */
public record TraceRecord(int line, Call call, Optional<Expectation> expect, Optional<String> id, Optional<String> name) {}
