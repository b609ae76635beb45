package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** For the fuzz target: a chunk decoded on the fast path gives what the plain reader gives. */
public final class ChunkAgreement {
  private static final byte[] FIRST = "{\"ts\": \"2026-01-01T00:00:00Z\", \"grant\": \"g\", \"tool\": \"t\"}\n".getBytes();

  private ChunkAgreement() {}

  /** Checks the bytes as the lines after a first record line (so that none of them is a header). */
  public static void check(byte[] data, Set<String> keep) throws IOException {
    byte[] all = new byte[FIRST.length + data.length];
    System.arraycopy(FIRST, 0, all, 0, FIRST.length);
    System.arraycopy(data, 0, all, FIRST.length, data.length);
    List<Object> expected = new ArrayList<>();
    try (TraceReader reader = TraceReader.of(new ByteArrayInputStream(all), "f", keep)) {
      for (TraceReader.Entry e = reader.next(); e != null; e = reader.next()) {
        expected.add(e.problem() != null ? e.problem() : e.record());
      }
    }
    List<Object> actual = new ArrayList<>();
    for (TraceReader.Entry e : new ChunkDecoder("f", null).decode(all, 0, all.length, keep, null).entries()) {
      actual.add(e.problem() != null ? e.problem() : e.record());
    }
    assertEquals(expected, actual);
  }
}
