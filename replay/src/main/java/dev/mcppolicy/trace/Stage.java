package dev.mcppolicy.trace;

import dev.mcppolicy.sim.Call;
import java.util.Set;

/**
 * Work the fast reader's decoding threads do for each record after reading it: anything that
 * needs the call alone, in no particular order, such as the part of a decision that reads no
 * counters ({@link Replayer#preparing}). The reader knows nothing of what the work is; it hands the
 * result back with the record ({@link TraceReader.Entry#staged}), and builds only the argument keys
 * the work says it reads.
 */
public interface Stage {
  /** The top-level argument keys the work reads; null: all of them. */
  Set<String> argumentKeys();

  /** The work for one call; it runs on a decoding thread, for calls in any order. */
  Object apply(Call call);
}
