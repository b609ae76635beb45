package dev.mcppolicy.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a trace file on every core while the caller decides: a splitter thread cuts the file into
 * chunks of whole lines (about {@link #READ} bytes each), a pool of workers decodes the chunks
 * ({@link ChunkDecoder}), and {@link #next} hands out their entries in file order, with their
 * line numbers, exactly as {@link TraceReader} would. Memory is bounded: at most {@link #AHEAD}
 * decoded chunks wait, and the chunk buffers are recycled. Opened with a {@link Stage}, the workers
 * also put each record through it (for a replay, the part of each decision that needs no
 * counters); the caller finishes the work in file order.
 *
 * <p>The header line is read first, on the caller's thread, because every chunk needs its grant.
 * If the first chunk holds no line at all but blank and comment lines (a file that starts with
 * more than {@link #READ} bytes of them), the trace is read by a plain {@link TraceReader} instead.
 */
public final class ParallelTraceReader implements RecordSource {
  /**
   * The new bytes each chunk reads; a chunk also holds the unfinished line before them. Each
   * chunk is three hand-overs between threads (splitter, decoder, caller), each a possible
   * context switch: 64 KiB chunks made about 19,000 of them in a 2M-call replay, 128 KiB about
   * 11,000, for 3 to 6% less CPU. Larger chunks lengthen the start (the first chunks are decoded
   * before the policy is ready) and keep more records alive across young collections: 1 MiB
   * chunks were 30% slower (docs/performance.md).
   */
  static final int READ = 1 << 17;
  /** Decoded chunks waiting for the caller, at most. */
  static final int AHEAD = 4;

  private static final Future<ChunkDecoder.Decoded> END = CompletableFuture.completedFuture(null);

  private final String name;
  private final Chunks chunks;
  private final ExecutorService workers;
  private final BlockingQueue<Future<ChunkDecoder.Decoded>> decoded = new ArrayBlockingQueue<>(AHEAD);
  private final Thread splitter;
  private final ThreadLocal<ChunkDecoder> decoders;
  /** The argument keys to build when there is no stage (null: all). */
  private final Set<String> keep;
  /** The stage each record goes through, once known; null: none. */
  private final CompletableFuture<Stage> stage;
  private volatile boolean closed;
  /** Set when the caller will not use the stage's work: chunks decoded from then on skip it. */
  private volatile boolean stageless;
  private TraceReader.Entry pending;
  private List<TraceReader.Entry> entries = List.of();
  /** The stage's work for {@link #entries}, index for index; null if there was none. */
  private Object[] staged;
  private int index;
  private int lineBase;
  private int lines;
  private boolean ended;

  private ParallelTraceReader(String name, Chunks chunks, Chunk first, int firstLine, TraceHeader header,
      TraceReader.Entry headerProblem, Set<String> keep, CompletableFuture<Stage> stage, int threads) {
    this.name = name;
    this.keep = keep;
    this.stage = stage;
    this.chunks = chunks;
    this.pending = headerProblem;
    this.lineBase = firstLine;
    String grant = header.grant().orElse(null);
    this.decoders = ThreadLocal.withInitial(() -> new ChunkDecoder(name, grant));
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "mcppolicy-trace-decoder");
      t.setDaemon(true);
      return t;
    });
    this.splitter = new Thread(() -> split(first), "mcppolicy-trace-splitter");
    splitter.setDaemon(true);
    splitter.start();
  }

  /**
   * Opens a trace decoded on every core, each record put through {@code stage} on the decoding
   * threads: only the argument keys the stage reads are built.
   */
  public static RecordSource open(Path file, String name, Stage stage) throws IOException {
    return open(file, name, CompletableFuture.completedFuture(stage));
  }

  /**
   * Opens a trace before its stage exists (reading then overlaps compiling the policy): chunks
   * decoded before {@code stage} completes build every argument and skip the stage (the caller
   * then does that work itself); later chunks are decoded as {@link #open(Path, String, Stage)}
   * decodes them. Close the source if the stage never comes.
   */
  public static RecordSource open(Path file, String name, CompletableFuture<Stage> stage) throws IOException {
    return open(file, name, null, stage, Runtime.getRuntime().availableProcessors(), READ);
  }

  /** Opens a trace decoded on every core, building every argument. */
  public static RecordSource open(Path file, String name) throws IOException {
    return open(file, name, null, null, Runtime.getRuntime().availableProcessors(), READ);
  }

  /**
   * Opens a trace that builds only {@code argumentKeys} of the arguments (null: all) and puts
   * each record through {@code stage} once it completes (null: never), decoded on {@code threads}
   * threads in chunks of about {@code read} new bytes; {@code name} is how messages name the file.
   */
  static RecordSource open(Path file, String name, Set<String> argumentKeys, CompletableFuture<Stage> stage,
      int threads, int read)
      throws IOException {
    Chunks chunks = new Chunks(FileChannel.open(file, StandardOpenOption.READ), read);
    try {
      Chunk first = chunks.next();
      if (first == null) {
        return new ParallelTraceReader(name, chunks, null, 0, TraceHeader.NONE, null, argumentKeys, stage, threads);
      }
      // the first line that is not blank or a comment may be the header
      int line = 0;
      int position = 0;
      while (!first.tooLong() && position < first.length()) {
        int end = JsonLines.lineEnd(first.data(), position, first.length());
        line++;
        if (end - position > TraceReader.MAX_LINE_LENGTH) {
          break; // a problem line: the trace has no header
        }
        JsonLines.Line parsed = JsonLines.parse(line, first.data(), position, end, new dev.mcppolicy.json.LineParser(), Set.of());
        if (parsed != null) {
          Object header = parsed.problem() == null ? TraceReader.header(parsed.value()) : null;
          if (header == null) {
            break; // a record: the trace has no header, and the record is read with its chunk
          }
          Chunk rest = new Chunk(first.data(), end + 1, first.length(), false);
          return header instanceof TraceHeader h
              ? new ParallelTraceReader(name, chunks, rest, line, h, null, argumentKeys, stage, threads)
              : new ParallelTraceReader(name, chunks, rest, line, TraceHeader.NONE,
                  TraceReader.problem(name, line, (String) header), argumentKeys, stage, threads);
        }
        position = end + 1;
        if (position >= first.length() && !chunks.atEnd()) {
          // only blank and comment lines so far: read the file line by line instead
          chunks.close();
          return TraceReader.open(file, name, argumentKeys);
        }
      }
      return new ParallelTraceReader(name, chunks, first, 0, TraceHeader.NONE, null, argumentKeys, stage, threads);
    } catch (IOException | RuntimeException e) {
      chunks.close();
      throw e;
    } catch (InterruptedException e) {
      chunks.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the trace", e);
    }
  }

  private void split(Chunk first) {
    try {
      for (Chunk c = first; c != null && !closed; c = chunks.next()) {
        Chunk chunk = c;
        decoded.put(workers.submit(() -> decode(chunk)));
      }
      decoded.put(END);
    } catch (IOException | RuntimeException e) {
      try {
        decoded.put(CompletableFuture.failedFuture(e));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ChunkDecoder.Decoded decode(Chunk chunk) {
    if (chunk.tooLong()) {
      return new ChunkDecoder.Decoded(List.of(TraceReader.problem(name, 1, JsonLines.tooLong())), null, 1);
    }
    try {
      Stage bound = stage == null ? null : stage.getNow(null);
      return decoders.get().decode(chunk.data(), chunk.from(), chunk.length(),
          bound != null ? bound.argumentKeys() : stage != null ? null : keep, stageless ? null : bound);
    } finally {
      chunks.release(chunk.data());
    }
  }

  @Override
  public TraceReader.Entry next() throws IOException {
    if (pending != null) {
      TraceReader.Entry e = pending;
      pending = null;
      return e;
    }
    while (index == entries.size()) {
      if (ended) {
        return null;
      }
      lineBase += lines;
      Future<ChunkDecoder.Decoded> next;
      try {
        next = decoded.take();
        if (next == END) {
          ended = true;
          return null;
        }
        ChunkDecoder.Decoded d = next.get();
        entries = d.entries();
        staged = d.staged();
        lines = d.lines();
        index = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the trace", e);
      } catch (ExecutionException e) {
        ended = true;
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    int i = index++;
    return shifted(entries.get(i), staged == null ? null : staged[i]);
  }

  /** The entry with its line number in the file rather than in its chunk, and the stage's work. */
  private TraceReader.Entry shifted(TraceReader.Entry e, Object work) {
    if (e.record() != null) {
      TraceRecord r = e.record();
      return new TraceReader.Entry(new TraceRecord(lineBase + r.line(), r.call(), r.expect(), r.id(), r.name()), null,
          work);
    }
    TraceProblem p = e.problem();
    return new TraceReader.Entry(null, new TraceProblem(p.file(), lineBase + p.line(), p.message()));
  }

  @Override
  public void withoutStage() {
    stageless = true;
  }

  @Override
  public boolean readsAhead() {
    return true;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    splitter.interrupt();
    workers.shutdownNow();
    try {
      splitter.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    chunks.close();
  }

  /** Whole lines {@code data[from .. length)}, or one line too long to hold ({@code data} null). */
  private record Chunk(byte[] data, int from, int length, boolean tooLong) {}

  /**
   * Cuts a file into chunks of whole lines in recycled buffers. A buffer holds the unfinished line
   * carried over from the last chunk, at most {@link TraceReader#MAX_LINE_LENGTH} bytes, and
   * about {@code read} new bytes; a line that does not fit is longer than the limit, and is skipped.
   * A buffer starts with room for {@code read} bytes and {@link #SLACK} more, and grows (up to
   * {@code capacity}) only when a line needs it: each buffer lives through the whole replay, so
   * the first young collections copy it, and at the full capacity of about 1.1 MB each, the eight
   * of them made the first two collections 22 and 12 ms (the replay's threads all wait for them).
   */
  private static final class Chunks {
    private static final int BUFFERS = AHEAD + 4;
    /** A fresh buffer's room beyond the new bytes, for the unfinished line carried into it. */
    private static final int SLACK = 1 << 14;

    private final FileChannel channel;
    private final int read;
    /** The most a buffer holds: the longest line allowed, its newline, and the new bytes. */
    private final int capacity;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private int allocated;
    private byte[] current;
    private int filled;
    private boolean eof;

    Chunks(FileChannel channel, int read) {
      this.channel = channel;
      this.read = read;
      this.capacity = TraceReader.MAX_LINE_LENGTH + 1 + read;
    }

    boolean atEnd() {
      return eof && filled == 0;
    }

    /** The next chunk; null at the end of the file. */
    Chunk next() throws IOException, InterruptedException {
      if (current == null) {
        current = buffer();
      }
      int searched = 0;
      while (true) {
        int goal = Math.min(capacity, Math.max(filled, searched) + read);
        if (current.length < goal) {
          current = Arrays.copyOf(current, Math.min(capacity, Math.max(goal, 2 * current.length)));
        }
        while (!eof && filled < goal) {
          int n = channel.read(ByteBuffer.wrap(current, filled, goal - filled));
          if (n < 0) {
            eof = true;
          } else {
            filled += n;
          }
        }
        int newline = lastNewline(current, searched, filled);
        if (newline >= 0) {
          return cut(newline + 1);
        }
        searched = filled;
        if (eof) {
          return filled == 0 ? null : cut(filled);
        }
        if (filled == capacity) {
          skipLine();
          return new Chunk(null, 0, 0, true);
        }
      }
    }

    /** Hands out {@code current[0 .. end)} and carries the rest into a fresh buffer. */
    private Chunk cut(int end) throws InterruptedException {
      byte[] next = buffer();
      int rest = filled - end; // under read bytes: the newline at end - 1 is in the last bytes read
      System.arraycopy(current, end, next, 0, rest);
      Chunk chunk = new Chunk(current, 0, end, false);
      current = next;
      filled = rest;
      return chunk;
    }

    /** Reads past the end of the line that filled the buffer, keeping what follows it. */
    private void skipLine() throws IOException {
      while (true) {
        filled = 0;
        int n = channel.read(ByteBuffer.wrap(current, 0, read));
        if (n < 0) {
          eof = true;
          return;
        }
        for (int i = 0; i < n; i++) {
          if (current[i] == '\n') {
            System.arraycopy(current, i + 1, current, 0, n - i - 1);
            filled = n - i - 1;
            return;
          }
        }
      }
    }

    private static int lastNewline(byte[] data, int from, int to) {
      for (int i = to - 1; i >= from; i--) {
        if (data[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private byte[] buffer() throws InterruptedException {
      byte[] b = free.poll();
      if (b != null) {
        return b;
      }
      synchronized (this) {
        if (allocated < BUFFERS) {
          allocated++;
          return new byte[Math.min(capacity, read + SLACK)];
        }
      }
      return free.take();
    }

    void release(byte[] buffer) {
      free.offer(buffer);
    }

    void close() throws IOException {
      channel.close();
    }
  }
}
