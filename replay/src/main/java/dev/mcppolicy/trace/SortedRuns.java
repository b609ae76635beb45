package dev.mcppolicy.trace;

import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.IoErrors;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Puts records in timestamp order (equal instants in the order they were added) in bounded memory:
 * an external merge sort. Records are added in file order and kept encoded ({@link RecordCodec}) in
 * one buffer, with their instants in arrays beside it, so a batch costs its bytes and no objects
 * for the collector to trace. A trace that fits the budget ({@code budget} records and
 * {@link #BYTES} bytes) is sorted in memory. A longer one is cut into batches, each sorted and
 * written to a temporary file (a run), and the runs are merged, at most {@code fanIn} at a time,
 * so that few files are open however long the trace: one pass over the trace, then one over the
 * runs per level of merging. The temporary files live in a folder of their own under
 * {@code java.io.tmpdir} and are deleted by {@link #close}, or by a shutdown hook if the process
 * is stopped first.
 */
final class SortedRuns implements Closeable {
  /** Runs merged at once: 64 files with 64 KiB buffers each. */
  static final int FAN_IN = 64;
  /** Encoded bytes held at most, whatever the record budget: records with large arguments spill sooner. */
  static final int BYTES = 32 << 20;
  private static final int BUFFER = 1 << 16;

  /** A record and its place among the records added, which breaks ties between equal instants. */
  record Keyed(TraceRecord record, long ordinal) {}

  static final Comparator<Keyed> ORDER =
      Comparator.<Keyed, java.time.Instant>comparing(k -> k.record().call().at()).thenComparingLong(Keyed::ordinal);

  /** Sorted records, one at a time; null at the end. */
  interface Cursor {
    TraceRecord next() throws IOException;
  }

  private final int budget;
  private final int fanIn;
  private final Path parent;
  private final Batch batch = new Batch();
  /** The runs written so far, oldest first, each with how many records it holds. */
  private final List<Run> runs = new ArrayList<>();
  private Path folder;
  /** The last merge, which {@link #sorted} hands out: its files are closed by {@link #close}. */
  private Merge reading;
  private long added;
  private int files;

  private record Run(Path file, long records) {}

  SortedRuns(int budget, int fanIn) {
    this(budget, fanIn, null);
  }

  /** With the temporary folder made in {@code parent} (null: {@code java.io.tmpdir}, read when first needed). */
  SortedRuns(int budget, int fanIn, Path parent) {
    if (budget < 1 || fanIn < 2) {
      throw new IllegalArgumentException("budget " + budget + ", fan-in " + fanIn);
    }
    this.budget = budget;
    this.fanIn = fanIn;
    this.parent = parent;
  }

  /** Adds the next record in file order. */
  void add(TraceRecord record) throws IOException {
    if (batch.count == budget || batch.size >= BYTES) {
      spill(); // only once a record more than fits comes: a trace that fits stays in memory
    }
    batch.add(new Keyed(record, added++));
  }

  /** Whether records went to temporary files: the trace did not fit the budget. */
  boolean spilled() {
    return !runs.isEmpty();
  }

  /** The records in order; call once, after the last {@link #add}. */
  Cursor sorted() throws IOException {
    if (runs.isEmpty()) {
      int[] order = batch.order();
      int[] next = {0};
      Input in = new Input(null);
      DataInputStream data = new DataInputStream(in);
      return () -> {
        if (next[0] == order.length) {
          return null;
        }
        int i = order[next[0]++];
        in.over(batch.data, batch.starts[i], batch.end(i));
        return RecordCodec.read(data).record();
      };
    }
    if (batch.count > 0) {
      spill();
    }
    while (runs.size() > fanIn) {
      // merge the oldest runs into one, so that the last merge reads at most fanIn files
      List<Run> group = new ArrayList<>(runs.subList(0, fanIn));
      runs.subList(0, fanIn).clear();
      Run merged;
      try (Merge m = merge(group); Writer w = writer()) {
        for (Keyed k = next(m); k != null; k = next(m)) {
          w.write(k);
        }
        merged = w.finish();
      }
      for (Run r : group) {
        Files.deleteIfExists(r.file());
      }
      runs.add(merged);
    }
    reading = merge(new ArrayList<>(runs));
    Merge last = reading;
    return () -> {
      try {
        Keyed k = last.next();
        return k == null ? null : k.record();
      } catch (IOException e) {
        throw problem(e, folder); // a run deleted or cut short behind the replay's back
      }
    };
  }

  /** Writes the batch, sorted, as a run: the encoded bytes are copied, not decoded again. */
  private void spill() throws IOException {
    int[] order = batch.order();
    try (Writer w = writer()) {
      for (int i : order) {
        w.write(batch.data, batch.starts[i], batch.end(i));
      }
      runs.add(w.finish());
    }
    batch.clear();
  }

  /** A new run file, buffered; its failures name the folder, since they are about the folder. */
  private Writer writer() throws IOException {
    Path where = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      if (folder == null) {
        folder = Files.createTempDirectory(where, "mcppolicy-sort-");
        AtomicFiles.removeIfStopped(folder);
      }
      Path file = folder.resolve("run-" + files++);
      return new Writer(file, new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file), BUFFER)));
    } catch (IOException e) {
      throw problem(e, where);
    }
  }

  private IOException problem(IOException e, Path where) {
    return new IOException("sorting it needs temporary files in " + (folder != null ? folder : where) + ": "
        + IoErrors.describe(e), e);
  }

  /** A run being written; every failure names the folder. */
  private final class Writer implements Closeable {
    private final Path file;
    private final DataOutputStream data;
    private long count;

    Writer(Path file, DataOutputStream data) {
      this.file = file;
      this.data = data;
    }

    /** A record already encoded: {@code bytes[from .. to)}. */
    void write(byte[] bytes, int from, int to) throws IOException {
      try {
        data.write(bytes, from, to - from);
        count++;
      } catch (IOException e) {
        throw problem(e, folder);
      }
    }

    void write(Keyed k) throws IOException {
      try {
        RecordCodec.write(data, k);
        count++;
      } catch (IOException e) {
        throw problem(e, folder);
      }
    }

    Run finish() throws IOException {
      try {
        data.flush();
      } catch (IOException e) {
        throw problem(e, folder);
      }
      return new Run(file, count);
    }

    @Override
    public void close() throws IOException {
      try {
        data.close();
      } catch (IOException e) {
        throw problem(e, folder);
      }
    }
  }

  private Merge merge(List<Run> group) throws IOException {
    List<Source> sources = new ArrayList<>();
    try {
      for (Run r : group) {
        sources.add(new Source(new DataInputStream(new Input(Files.newInputStream(r.file()))), r.records()));
      }
    } catch (IOException e) {
      for (Source s : sources) {
        s.in.close();
      }
      throw problem(e, folder);
    }
    return new Merge(sources);
  }

  private Keyed next(Merge m) throws IOException {
    try {
      return m.next();
    } catch (IOException e) {
      throw problem(e, folder);
    }
  }

  /**
   * The batch being gathered: records encoded one after another in {@code data}, and for each
   * where it starts and its instant, in arrays that grow as needed and are kept for the next batch.
   */
  private static final class Batch extends OutputStream {
    byte[] data = new byte[BUFFER];
    int size;
    int count;
    int[] starts = new int[1024];
    long[] seconds = new long[1024];
    int[] nanos = new int[1024];
    private final DataOutputStream out = new DataOutputStream(this);

    void add(Keyed k) throws IOException {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        seconds = Arrays.copyOf(seconds, count * 2);
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      starts[count] = size;
      seconds[count] = k.record().call().at().getEpochSecond();
      nanos[count] = k.record().call().at().getNano();
      RecordCodec.write(out, k);
      count++;
    }

    int end(int i) {
      return i + 1 < count ? starts[i + 1] : size;
    }

    /** The records' indexes in timestamp order; equal instants keep the order they were added in. */
    int[] order() {
      Integer[] boxed = new Integer[count];
      for (int i = 0; i < count; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> {
        int c = Long.compare(seconds[a], seconds[b]);
        c = c != 0 ? c : Integer.compare(nanos[a], nanos[b]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      int[] order = new int[count];
      for (int i = 0; i < count; i++) {
        order[i] = boxed[i];
      }
      return order;
    }

    void clear() {
      size = 0;
      count = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      data[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, data, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
      }
    }
  }

  /**
   * Bytes to decode, from an array or buffered from a file, without the locks of the JDK's
   * buffered streams (a record is decoded a few bytes at a time).
   */
  private static final class Input extends InputStream {
    private final InputStream file;
    private byte[] buffer;
    private int position;
    private int limit;

    Input(InputStream file) {
      this.file = file;
      this.buffer = file == null ? null : new byte[BUFFER];
    }

    /** Reads {@code bytes[from .. to)} next (for an array, not a file). */
    void over(byte[] bytes, int from, int to) {
      buffer = bytes;
      position = from;
      limit = to;
    }

    private boolean fill() throws IOException {
      if (file == null) {
        return false;
      }
      int n = file.read(buffer, 0, buffer.length);
      position = 0;
      limit = Math.max(0, n);
      return n > 0;
    }

    @Override
    public int read() throws IOException {
      if (position == limit && !fill()) {
        return -1;
      }
      return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (position == limit && !fill()) {
        return -1;
      }
      int n = Math.min(len, limit - position);
      System.arraycopy(buffer, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      }
    }
  }

  /** One run being read: the record at its head, and how many are left behind it. */
  private static final class Source {
    final DataInputStream in;
    long left;
    Keyed head;

    Source(DataInputStream in, long records) {
      this.in = in;
      this.left = records;
    }

    boolean advance() throws IOException {
      if (left == 0) {
        head = null;
        return false;
      }
      left--;
      head = RecordCodec.read(in);
      return true;
    }
  }

  /** The records of several runs in order, read from their heads. */
  private static final class Merge implements Closeable {
    private final List<Source> all;
    private final PriorityQueue<Source> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
    private boolean started;

    Merge(List<Source> sources) {
      this.all = sources;
    }

    Keyed next() throws IOException {
      if (!started) {
        started = true;
        for (Source s : all) {
          if (s.advance()) {
            heads.add(s);
          }
        }
      }
      Source s = heads.poll();
      if (s == null) {
        return null;
      }
      Keyed k = s.head;
      if (s.advance()) {
        heads.add(s);
      }
      return k;
    }

    @Override
    public void close() throws IOException {
      for (Source s : all) {
        s.in.close();
      }
    }
  }

  /** Deletes the temporary files and their folder. */
  @Override
  public void close() throws IOException {
    batch.clear();
    if (reading != null) {
      reading.close();
      reading = null;
    }
    if (folder == null) {
      return;
    }
    try (Stream<Path> left = Files.list(folder)) {
      for (Path p : (Iterable<Path>) left::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(folder);
    AtomicFiles.forget(folder);
    folder = null;
  }
}
