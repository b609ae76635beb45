package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading ahead on another thread hands out the source's entries unchanged and passes its hints on. */
class PrefetchingTest {
  /** A source of {@code count} problems, numbered by line, that remembers what it was told. */
  private static final class Counting implements RecordSource {
    private final int count;
    private int given;
    volatile boolean toldWithoutDecisions;
    volatile boolean closed;

    Counting(int count) {
      this.count = count;
    }

    @Override
    public TraceReader.Entry next() {
      return given < count ? new TraceReader.Entry(null, new TraceProblem("t", ++given, "m")) : null;
    }

    @Override
    public void withoutStage() {
      toldWithoutDecisions = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void entriesComeInOrderAcrossBatches() throws IOException {
    Counting source = new Counting(Prefetching.BATCH * 2 + 3);
    List<Integer> lines = new ArrayList<>();
    try (Prefetching ahead = new Prefetching(source)) {
      for (TraceReader.Entry e = ahead.next(); e != null; e = ahead.next()) {
        lines.add(e.problem().line());
      }
      assertNull(ahead.next());
    }
    assertEquals(Prefetching.BATCH * 2 + 3, lines.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(i + 1, lines.get(i));
    }
    assertTrue(source.closed);
  }

  @Test
  void withoutStageReachesTheSource() throws IOException {
    Counting source = new Counting(1);
    try (Prefetching ahead = new Prefetching(source)) {
      ahead.withoutStage();
      assertTrue(source.toldWithoutDecisions);
    }
  }
}
