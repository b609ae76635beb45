package dev.mcppolicy.diff;

import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.trace.TraceRecord;
import java.util.Optional;

/**
 * A recorded call the two policies decide differently (its decision, rule or message differs),
 * with each side's decision and source line, and why it flipped.
 */
public record Flip(String trace, TraceRecord record, Decision old, Decision now, Cause cause,
    Optional<SourceMap.Origin> oldSource, Optional<SourceMap.Origin> newSource) {

  /** Why a call flipped (docs/diff.md). */
  public enum Cause {
    /** The rules (hide, default, require, deny_if) decide this call differently. */
    RULE,
    /** The rules agree; a limit present in only one policy, or with another maximum or window, decided it. */
    LIMIT,
    /** The rules agree and the deciding limits are the same: earlier flips left the counters in another state. */
    CASCADE;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether the call was allowed by the old policy and is denied by the new one. */
  public boolean allowToDeny() {
    return old.allowed() && !now.allowed();
  }

  public boolean denyToAllow() {
    return !old.allowed() && now.allowed();
  }
}
