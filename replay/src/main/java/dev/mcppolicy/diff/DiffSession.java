package dev.mcppolicy.diff;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.JsonRpcReader;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.TraceProblem;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One diff of two loaded policies, static and on traffic, as the command line and the Maven goal
 * run it: the changes, every flip (kept in a scratch file for JSON lines, the first 50 in memory),
 * the summary, and the report in each format. Close it to remove the scratch file.
 */
public final class DiffSession implements AutoCloseable {
  /** How recorded calls are read: trace files, or JSON-RPC logs with the grant and instant of bare messages. */
  public record Traffic(List<Path> files, Function<Path, String> names, boolean jsonRpc, Optional<String> grant,
      Optional<Instant> start, WindowMode windows) {
    public Traffic {
      files = List.copyOf(files);
    }
  }

  private final List<Change> changes;
  private final Optional<TrafficDiff.Summary> traffic;
  private final List<Flip> shown;
  private final Path flipsFile;

  private DiffSession(List<Change> changes, Optional<TrafficDiff.Summary> traffic, List<Flip> shown, Path flipsFile) {
    this.changes = changes;
    this.traffic = traffic;
    this.shown = shown;
    this.flipsFile = flipsFile;
  }

  /**
   * Compares {@code a} and {@code b} (both loaded), and decides {@code traffic}'s calls with both;
   * every problem (a trace that cannot be read, a bad record) goes to {@code problems}, and the
   * traffic stops at the first. {@code everyFlip}: keep every flip for JSON lines.
   */
  public static DiffSession run(LoadedPolicy a, LoadedPolicy b, Traffic traffic, boolean everyFlip, Consumer<Diagnostic> problems)
      throws IOException {
    List<Change> changes = StaticDiff.between(a.document().orElseThrow(), a.sourceMap(), b.document().orElseThrow(), b.sourceMap());
    Path flipsFile = Files.createTempFile("mcppolicy-diff-", ".jsonl");
    AtomicFiles.removeIfStopped(flipsFile);
    List<Flip> shown = new ArrayList<>();
    if (traffic.files().isEmpty()) {
      return new DiffSession(changes, Optional.empty(), shown, flipsFile);
    }
    TrafficDiff.Policy old = new TrafficDiff.Policy(a.document().get(), a.sourceMap());
    TrafficDiff.Policy now = new TrafficDiff.Policy(b.document().get(), b.sourceMap());
    TrafficDiff.Summary total = TrafficDiff.Summary.NONE;
    for (Path trace : traffic.files()) {
      String name = traffic.names().apply(trace);
      if (!Files.isRegularFile(trace)) {
        TraceProblem p = new TraceProblem(name, 1, "cannot read it: " + (Files.isDirectory(trace) ? "it is a directory" : "no such file"));
        problems.accept(Diagnostic.of(Code.E601, "cannot read " + name + ": "
            + (Files.isDirectory(trace) ? "it is a directory" : "no such file")));
        total = total.withProblem(p);
        break;
      }
      TrafficDiff.Summary s;
      try (FlipFile flips = new FlipFile(flipsFile, shown, everyFlip)) {
        s = TrafficDiff.run(old, now, name, stage -> traffic.jsonRpc()
            ? () -> JsonRpcReader.open(trace, name, traffic.grant(), traffic.start())
            : () -> ParallelTraceReader.open(trace, name, stage), traffic.windows(), flips);
      }
      s.problems().forEach(p -> problems.accept(p.diagnostic()));
      s.warnings().forEach(w -> problems.accept(Diagnostic.of(Code.E604, name + ": warning: " + w)));
      total = total.plus(s);
      if (!s.problems().isEmpty()) {
        break;
      }
    }
    return new DiffSession(changes, Optional.of(total), shown, flipsFile);
  }

  public List<Change> changes() {
    return changes;
  }

  public Optional<TrafficDiff.Summary> traffic() {
    return traffic;
  }

  /** Whether a trace could not be read or had a bad record: the traffic part is incomplete. */
  public boolean trafficProblems() {
    return traffic.isPresent() && !traffic.get().problems().isEmpty();
  }

  /** Whether a change is permissive or a call flipped deny to allow. */
  public boolean permissive() {
    return changes.stream().anyMatch(c -> c.effect() == Change.Effect.PERMISSIVE)
        || traffic.map(TrafficDiff.Summary::denyToAllow).orElse(0L) > 0;
  }

  public long flips() {
    return traffic.map(TrafficDiff.Summary::flips).orElse(0L);
  }

  /** The report as text for people, on a terminal. */
  public void text(Writer w) throws IOException {
    w.write(DiffReport.changesText(changes));
    w.write(DiffReport.plan(changes));
    if (traffic.isPresent()) {
      w.write(DiffReport.trafficText(traffic.get()));
      for (Flip f : shown) {
        w.write(DiffReport.flipText(f));
      }
      long more = traffic.get().flips() - shown.size();
      if (more > 0) {
        w.write("  ... and " + more + " more flips (--format jsonl lists them all)\n");
      }
    }
  }

  public void markdown(Writer w) throws IOException {
    w.write(DiffReport.markdown(changes, traffic, shown));
  }

  /** Changes, then every flip (the session must have kept them), then the summary. */
  public void jsonl(Writer w) throws IOException {
    for (Change c : changes) {
      w.write(DiffReport.changeJson(c));
      w.write('\n');
    }
    try (var lines = Files.newBufferedReader(flipsFile, StandardCharsets.UTF_8)) {
      lines.transferTo(w);
    }
    w.write(DiffReport.summaryJson(changes, traffic));
    w.write('\n');
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(flipsFile);
    AtomicFiles.forget(flipsFile);
  }

  /**
   * One trace's flips, as JSON lines in a scratch file that is appended to {@code all} when the
   * trace is done (only when every flip is kept: text and markdown show the first flips alone);
   * a replay that starts over (the trace was out of order) empties it first.
   */
  private static final class FlipFile implements TrafficDiff.Sink, java.io.Closeable {
    private final Path all;
    private final Path mine;
    private final List<Flip> shown;
    private final int shownBefore;
    private final boolean everyFlip;
    private Writer out;

    FlipFile(Path all, List<Flip> shown, boolean everyFlip) throws IOException {
      this.all = all;
      this.everyFlip = everyFlip;
      this.shown = shown;
      this.shownBefore = shown.size();
      this.mine = Files.createTempFile("mcppolicy-diff-", ".jsonl");
      AtomicFiles.removeIfStopped(mine);
      this.out = Files.newBufferedWriter(mine, StandardCharsets.UTF_8);
    }

    @Override
    public void flip(Flip f) {
      if (everyFlip) {
        try {
          out.write(DiffReport.flipJson(f));
          out.write('\n');
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      if (shown.size() < DiffReport.SHOWN_FLIPS) {
        shown.add(f);
      }
    }

    @Override
    public void restart() {
      try {
        out.close();
        out = Files.newBufferedWriter(mine, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      shown.subList(shownBefore, shown.size()).clear();
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
        try (var to = Files.newOutputStream(all, java.nio.file.StandardOpenOption.APPEND)) {
          Files.copy(mine, to);
        }
      } finally {
        Files.deleteIfExists(mine);
        AtomicFiles.forget(mine);
      }
    }
  }
}
