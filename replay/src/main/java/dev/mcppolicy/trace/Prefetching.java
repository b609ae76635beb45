package dev.mcppolicy.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and parses a source on a second thread, a batch ahead of the thread that decides: the
 * entries arrive in exactly the order the source gives them, so everything downstream behaves as
 * if it read the source itself. At most {@link #BATCHES} batches of {@link #BATCH} entries wait
 * in memory.
 */
final class Prefetching implements RecordSource {
  static final int BATCH = 1024;
  static final int BATCHES = 16;

  private static final List<Object> END = List.of();

  private final RecordSource source;
  private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(BATCHES);
  private final Thread reader;
  private volatile boolean closed;
  private List<Object> current = new ArrayList<>();
  private int next;

  Prefetching(RecordSource source) {
    this.source = source;
    this.reader = new Thread(this::read, "mcppolicy-trace-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      List<Object> batch = new ArrayList<>(BATCH);
      for (TraceReader.Entry e = source.next(); e != null && !closed; e = source.next()) {
        batch.add(e);
        if (batch.size() == BATCH) {
          queue.put(batch);
          batch = new ArrayList<>(BATCH);
        }
      }
      if (!batch.isEmpty()) {
        queue.put(batch);
      }
      queue.put(END);
    } catch (IOException | RuntimeException e) {
      try {
        queue.put(List.of(e));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public TraceReader.Entry next() throws IOException {
    while (next == current.size()) {
      if (current == END) {
        return null;
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the trace", e);
      }
      next = 0;
      if (current == END) {
        return null;
      }
      if (current.size() == 1 && current.get(0) instanceof Exception failure) {
        current = END;
        if (failure instanceof IOException io) {
          throw io;
        }
        throw (RuntimeException) failure;
      }
    }
    return (TraceReader.Entry) current.get(next++);
  }

  @Override
  public void withoutStage() {
    source.withoutStage();
  }

  /** The source's warnings: complete once {@link #next} has returned null (the end went through the queue after them). */
  @Override
  public List<String> warnings() {
    return List.copyOf(source.warnings());
  }

  @Override
  public void close() throws IOException {
    closed = true;
    reader.interrupt();
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
