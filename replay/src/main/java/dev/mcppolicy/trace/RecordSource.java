package dev.mcppolicy.trace;

import java.io.IOException;

/** Where recorded calls come from: a trace file or a JSON-RPC log, read one entry at a time. */
public interface RecordSource extends AutoCloseable {
  /** The next record or problem; null at the end. */
  TraceReader.Entry next() throws IOException;

  /** Whether this source already reads and decodes ahead on other threads. */
  default boolean readsAhead() {
    return false;
  }

  /**
   * The caller will not use the {@link Stage}'s work entries come with (a sort decides its records
   * later, in another order): a source that does that work may stop, from the next chunk it decodes.
   */
  default void withoutStage() {}

  /** What the source noticed while reading and did not stop for, each starting "line N: ". */
  default java.util.List<String> warnings() {
    return java.util.List.of();
  }

  @Override
  void close() throws IOException;
}
