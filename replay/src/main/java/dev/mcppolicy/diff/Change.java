package dev.mcppolicy.diff;

import dev.mcppolicy.compiler.SourceMap;
import java.util.Optional;

/**
 * One difference between two compiled policies: which tool (empty for the whole document), what
 * kind of part changed, what it does to the calls the policy admits, a description of each side
 * ({@code (none)} where a side has no such part), and the source line on each side.
 *
 * @param kind one of {@code default}, {@code hide *}, {@code standing} (hidden, not permitted or
 *     open), {@code require}, {@code deny_if}, {@code message}, {@code limit}, {@code all_tools limit}
 */
public record Change(Optional<String> tool, String kind, Effect effect, String old, String now,
    Optional<SourceMap.Origin> oldSource, Optional<SourceMap.Origin> newSource) {

  /** What a change does to the calls the policy admits. */
  public enum Effect {
    /** Every call the old policy admits, the new one admits too, and more. */
    PERMISSIVE,
    /** The new policy admits no call the old one refuses, and refuses some it admitted. */
    RESTRICTIVE,
    /** Neither can be shown: some calls may be admitted that were not, and some refused that were not. */
    CHANGED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
