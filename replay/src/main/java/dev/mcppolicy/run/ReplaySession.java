package dev.mcppolicy.run;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.compiler.SourceMap;
import dev.mcppolicy.report.CallReport;
import dev.mcppolicy.report.CaseResult;
import dev.mcppolicy.report.Escapes;
import dev.mcppolicy.report.JunitXml;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.ExpectationRewriter;
import dev.mcppolicy.trace.JsonRpcReader;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.RecordSource;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.TraceRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code replay}: a loaded policy against traces or JSON-RPC logs, each with fresh counters, and
 * the results as text (failures, or every call), JSON lines (streamed through a temporary file,
 * never held in memory) or JUnit XML; {@code --update-expectations} rewrites each trace's
 * expectations. What it meets on the way it tells its {@link Events}; what it found is the
 * {@link Result}. The command line only chooses options, prints and picks the exit code.
 */
public final class ReplaySession {
  public enum Format { TEXT, JSONL, JUNIT }

  public enum Source { TRACE, JSONRPC }

  /**
   * @param grant with {@code JSONRPC}: the grant of bare messages
   * @param start with {@code JSONRPC}: the instant of bare messages
   */
  public record Options(Format format, boolean verbose, boolean updateExpectations, WindowMode windows, boolean keepGoing,
      Source from, Optional<String> grant, Optional<Instant> start) {}

  /** What the session tells as it goes: for a command line's stderr. */
  public interface Events {
    /** Diagnostics with a place in a file: unknown tools of a trace. */
    void diagnostics(List<Diagnostic> diagnostics);

    /**
     * A problem with an input or an output, or a warning about a run: a trace line's problem is
     * located at its file and line; others have no place in a source.
     */
    void problem(Diagnostic problem);

    /** A line for people: counts, what was updated. */
    void summary(String line);

    /** Records read so far of a trace, now and then. */
    default void progress(String trace, long records) {}

    /** A trace's replay ended. */
    default void done(String trace) {}
  }

  /**
   * What the replay found. {@code inputProblems}: a trace could not be read or a result written
   * (no result can be trusted); {@code failed}: expectations that did not hold; {@code output}: the results,
   * absent when a trace could not be read (and {@code keepGoing} was off).
   */
  public record Result(boolean inputProblems, long failed, Optional<Output> output) {}

  /**
   * The results, to be written once: text and XML in memory, JSON lines from their temporary file,
   * which closing removes.
   */
  public interface Output extends AutoCloseable {
    void writeTo(java.io.Writer out) throws IOException;

    @Override
    default void close() throws IOException {}
  }

  private final Options options;
  private final Events events;
  private final Function<Path, String> names;

  private ReplaySession(Options options, Events events, Function<Path, String> names) {
    this.options = options;
    this.events = events;
    this.names = names;
  }

  /**
   * Replays {@code traces} against {@code policy} (which loaded). {@code early}, when given, is the
   * first trace already opened (it starts reading while the policy compiles) and waiting for the
   * simulator that {@code firstSimulator} will be completed with.
   */
  public static Result run(LoadedPolicy policy, List<Path> traces, Options options, Events events,
      Function<Path, String> names, RecordSource early, java.util.concurrent.CompletableFuture<Simulator> firstSimulator)
      throws IOException {
    ReplaySession session = new ReplaySession(options, events, names);
    Path jsonl = null;
    if (options.format() == Format.JSONL) {
      try {
        jsonl = Files.createTempFile("mcppolicy-replay-", ".jsonl");
      } catch (IOException e) {
        events.problem(Diagnostic.of(Code.E603, gathering(e)));
        return new Result(true, 0, Optional.empty());
      }
      AtomicFiles.removeIfStopped(jsonl);
    }
    boolean kept = false;
    try {
      Result result = session.replay(policy, traces, jsonl, early, firstSimulator);
      kept = result.output().isPresent() && jsonl != null;
      return result;
    } finally {
      if (jsonl != null && !kept) {
        Files.deleteIfExists(jsonl);
        AtomicFiles.forget(jsonl);
      }
    }
  }

  private Result replay(LoadedPolicy policy, List<Path> traces, Path jsonl, RecordSource early,
      java.util.concurrent.CompletableFuture<Simulator> firstSimulator) throws IOException {
    StringBuilder text = new StringBuilder();
    List<SuiteResult> suites = new ArrayList<>();
    boolean problems = false;
    long failed = 0;
    for (Path trace : traces) {
      String name = names.apply(trace);
      if (!Files.isRegularFile(trace)) {
        events.problem(Diagnostic.of(Code.E601, "cannot read " + name + ": "
            + (Files.isDirectory(trace) ? "it is a directory" : "no such file")));
        problems = true;
        continue;
      }
      Sink sink = new Sink(name, jsonl, policy.sourceMap());
      Simulator simulator = Simulator.of(policy.document().orElseThrow(), options.windows());
      Replayer.Opener opener = options.from() == Source.TRACE
          ? () -> ParallelTraceReader.open(trace, name, Replayer.preparing(simulator))
          : () -> JsonRpcReader.open(trace, name, options.grant(), options.start());
      if (early != null && trace == traces.get(0) && !firstSimulator.isDone()) {
        firstSimulator.complete(simulator);
        opener = firstThen(early, opener);
      }
      UnknownTools tools = policy.unknownTools(sink);
      ExpectationRewriter.Snapshot snapshot = options.updateExpectations() ? ExpectationRewriter.Snapshot.of(trace) : null;
      Replayer.Summary summary;
      try {
        summary = Replayer.replay(opener, simulator, new Replayer.Options(options.keepGoing(), false), tools);
      } catch (IOException | UncheckedIOException e) {
        // reading failed part way, or sorting could not write its temporary files: none of this
        // trace's results are kept
        events.done(name);
        sink.restart();
        sink.close();
        IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        events.problem(Diagnostic.of(Code.E601, "cannot replay " + name + ": " + IoErrors.describe(cause)));
        problems = true;
        continue;
      }
      events.done(name);
      try {
        sink.close();
      } catch (IOException e) {
        events.problem(Diagnostic.of(Code.E603, "cannot replay " + name + ": " + gathering(e)));
        return new Result(true, failed, Optional.empty());
      }
      List<Diagnostic> unknownTools = tools.warnings(name);
      if (!unknownTools.isEmpty()) {
        events.diagnostics(unknownTools);
      }
      summary.problems().forEach(p -> events.problem(p.diagnostic()));
      summary.warnings().forEach(w -> events.problem(Diagnostic.of(Code.E604, name + ": warning: " + w)));
      if (!summary.problems().isEmpty()) {
        problems = true;
        if (!options.keepGoing()) {
          continue;
        }
      }
      failed += summary.failed();
      text.append(sink.text);
      suites.add(new SuiteResult(name, name, sink.cases, summary.warnings()));
      events.summary(name + ": " + summary.calls() + " calls: " + summary.allowed() + " allowed, " + summary.denied()
          + " denied" + (summary.indeterminate() > 0 ? ", " + summary.indeterminate() + " indeterminate" : "")
          + "; " + summary.expectations() + " expectations, " + summary.failed() + " failed");
      if (options.updateExpectations() && summary.problems().isEmpty() && !rewrite(trace, name, snapshot, sink.decisions)) {
        problems = true;
      }
    }
    if (problems && !options.keepGoing()) {
      events.summary("mcppolicy: a trace could not be read; no results were written");
      return new Result(true, failed, Optional.empty());
    }
    Output output = switch (options.format()) {
      case TEXT -> out -> out.write(text.toString());
      case JSONL -> new Output() { // a line per call: streamed, never held in memory
        @Override
        public void writeTo(java.io.Writer out) throws IOException {
          try (var reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            reader.transferTo(out);
          }
        }

        @Override
        public void close() throws IOException {
          Files.deleteIfExists(jsonl);
          AtomicFiles.forget(jsonl);
        }
      };
      case JUNIT -> out -> out.write(suites.size() == 1 ? JunitXml.suite(suites.get(0)) : JunitXml.suites(suites));
    };
    return new Result(problems, failed, Optional.of(output));
  }

  /** Why --format jsonl could not gather its lines, naming the folder of its temporary file. */
  private static String gathering(IOException e) {
    return "--format jsonl gathers its lines in a temporary file in " + System.getProperty("java.io.tmpdir") + ": "
        + IoErrors.describe(e);
  }

  /** An opener that gives {@code first} the first time, then opens afresh. */
  private static Replayer.Opener firstThen(RecordSource first, Replayer.Opener then) {
    RecordSource[] pending = {first};
    return () -> {
      RecordSource source = pending[0];
      pending[0] = null;
      return source != null ? source : then.open();
    };
  }

  /** Sets each decided record's expectation to its decision; false (after saying why) when it could not. */
  private boolean rewrite(Path trace, String name, ExpectationRewriter.Snapshot replayed, Map<Integer, Decision> decisions) {
    Map<Integer, JsonValue> expect = new HashMap<>();
    decisions.forEach((line, d) -> {
      if (d.verdict() != Verdict.INDETERMINATE) {
        expect.put(line, CallReport.expectFor(d));
      }
    });
    try {
      int updated = ExpectationRewriter.update(trace, replayed, expect);
      events.summary(name + ": updated " + updated + " expectations");
      return true;
    } catch (IOException e) {
      events.problem(Diagnostic.of(Code.E603, "cannot update " + name + ": " + IoErrors.describe(e)));
      return false;
    }
  }

  /** Receives decisions: text for failures (or every call), JSON lines, JUnit cases, decisions to write back. */
  private final class Sink implements Replayer.Listener {
    final String name;
    final Path jsonlFile;
    final SourceMap sources;
    BufferedWriter jsonl;
    StringBuilder text = new StringBuilder();
    List<CaseResult> cases = new ArrayList<>();
    Map<Integer, Decision> decisions = new HashMap<>();
    private long jsonlStart = -1;

    Sink(String name, Path jsonlFile, SourceMap sources) throws IOException {
      this.name = name;
      this.jsonlFile = jsonlFile;
      this.sources = sources;
      open();
    }

    private void open() throws IOException {
      if (jsonlFile != null) {
        jsonl = Files.newBufferedWriter(jsonlFile, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      }
    }

    @Override
    public void restart() {
      text = new StringBuilder();
      cases = new ArrayList<>();
      decisions = new HashMap<>();
      if (jsonl != null) {
        try {
          jsonl.close();
          // drop what this trace wrote so far: the file holds earlier traces' lines and then this one's
          if (jsonlStart >= 0) {
            try (var channel = java.nio.channels.FileChannel.open(jsonlFile, java.nio.file.StandardOpenOption.WRITE)) {
              channel.truncate(jsonlStart);
            }
          }
          open();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    /**
     * Called for each of millions of calls: the common case (no mismatch, no report) is a few
     * tests, and each report is a method of its own, so that the JIT compiles a small method here
     * rather than all of them inlined.
     */
    @Override
    public void decided(TraceRecord r, Decision d, List<String> mismatches) {
      if (options.updateExpectations()) {
        decisions.put(r.line(), d);
      }
      if (!mismatches.isEmpty()) {
        text.append(CallReport.failure(name + ":" + r.line(), r, d, mismatches, sources));
      } else if (options.verbose()) {
        verbose(r, d);
      }
      if (options.format() == Format.JUNIT && r.expect().isPresent()) {
        cases.add(CallReport.testCase(name, r, d, mismatches, sources));
      }
      if (jsonl != null) {
        jsonLine(r, d, mismatches);
      }
    }

    private void verbose(TraceRecord r, Decision d) {
      text.append(Escapes.line(name)).append(':').append(r.line()).append(": ").append(d.verdict().word()).append(' ')
          .append(Escapes.line(r.call().tool())).append(" (grant ").append(Escapes.line(r.call().grant())).append(')')
          .append(d.rule().isEmpty() ? "" : " rule " + Escapes.line(d.rule())
              + sources.decidedBy(d.rule(), r.call().tool()).map(o -> " at " + Escapes.line(o.toString())).orElse(""))
          .append('\n');
    }

    private void jsonLine(TraceRecord r, Decision d, List<String> mismatches) {
      try {
        if (jsonlStart < 0) {
          jsonl.flush();
          jsonlStart = Files.size(jsonlFile);
        }
        jsonl.write(CallReport.jsonLine(name, r, d, mismatches, sources));
        jsonl.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(new IOException(gathering(e), e));
      }
    }

    @Override
    public void progress(long records) {
      events.progress(name, records);
    }

    void close() throws IOException {
      if (jsonl != null) {
        jsonl.close();
      }
    }
  }
}
