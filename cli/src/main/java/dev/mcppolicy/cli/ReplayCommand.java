package dev.mcppolicy.cli;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.diag.Code;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.report.CallReport;
import dev.mcppolicy.report.CaseResult;
import dev.mcppolicy.report.Escapes;
import dev.mcppolicy.report.JunitXml;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.run.UnknownTools;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.time.Instants;
import dev.mcppolicy.trace.ExpectationRewriter;
import dev.mcppolicy.trace.JsonRpcReader;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.RecordSource;
import dev.mcppolicy.trace.TraceRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay recorded tool calls against a policy and check their expectations.")
final class ReplayCommand implements Callable<Integer> {
  enum Format { text, jsonl, junit }

  enum Source { trace, jsonrpc }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "POLICY",
      description = "A .mcppolicy (compiled first) or a policy.json.")
  Path policy;

  @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files (*.trace.jsonl), or JSON-RPC logs with --from jsonrpc.")
  List<Path> traces;

  @Option(names = "--format", defaultValue = "text", description = "text (failures and a summary), jsonl (one object per call) or junit (Surefire XML).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the results here (atomically) instead of stdout.")
  Path out;

  @Option(names = "--verbose", description = "With --format text, show every call, not only failed expectations.")
  boolean verbose;

  @Option(names = "--update-expectations", description = "Rewrite each trace with 'expect' set to what the policy decides now.")
  boolean update;

  @Option(names = "--windows", defaultValue = "calendar", paramLabel = "MODE",
      description = "calendar (the gateway's) or sliding (a what-if).")
  WindowMode windows;

  @Option(names = "--keep-going", description = "Report a bad record and go on (the run still ends with exit code 2).")
  boolean keepGoing;

  @Option(names = "--from", defaultValue = "trace", description = "trace (*.trace.jsonl) or jsonrpc (raw MCP JSON-RPC logs).")
  Source from;

  @Option(names = "--grant", description = "With --from jsonrpc: the grant of bare messages.")
  String grant;

  @Option(names = "--start", paramLabel = "INSTANT", description = "With --from jsonrpc: the instant of bare messages (RFC 3339).")
  String start;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  private PrintWriter err;

  @Override
  public Integer call() throws IOException {
    err = spec.commandLine().getErr();
    Optional<Instant> startAt = Optional.empty();
    if (start != null) {
      startAt = Instants.parse(start);
      if (startAt.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--start takes an RFC 3339 instant with a zone, as in 2026-11-21T10:00:00Z, not '" + start + "'");
      }
      if (!Instants.decidable(startAt.get())) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--start " + start + " is outside " + Instants.DECIDABLE + ", the instants a replay decides at");
      }
    }
    if (update && from != Source.trace) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--update-expectations rewrites trace files, not JSON-RPC logs");
    }
    if (out != null) {
      List<Path> inputs = new ArrayList<>(traces);
      inputs.add(policy);
      for (Path input : inputs) {
        if (AtomicFiles.isSameFile(out, input)) {
          reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + out + ": it is " + Names.of(input)
              + ", an input of this replay");
          return ExitCodes.USAGE;
        }
      }
    }
    // the first trace starts being read now, on the other cores, while the policy compiles
    CompletableFuture<Simulator> firstSimulator = new CompletableFuture<>();
    RecordSource early = from == Source.trace ? openEarly(firstSimulator) : null;
    try {
      return replay(startAt, early, firstSimulator);
    } finally {
      if (early != null) {
        early.close(); // closing twice is harmless: the replay may have closed it already
      }
    }
  }

  /** The first trace, opened before its simulator exists; null when it cannot be (the replay then says why). */
  private RecordSource openEarly(CompletableFuture<Simulator> simulator) {
    if (traces.isEmpty() || !Files.isRegularFile(traces.get(0))) {
      return null;
    }
    try {
      return ParallelTraceReader.open(traces.get(0), Names.of(traces.get(0)), simulator);
    } catch (IOException e) {
      return null;
    }
  }

  private int replay(Optional<Instant> startAt, RecordSource early, CompletableFuture<Simulator> firstSimulator)
      throws IOException {
    WindowMode mode = windows;
    CompileOptions options = compiler.toOptions();
    LoadedPolicy loaded = LoadedPolicy.load(policy, Names.of(policy), options);
    if (!loaded.diagnostics().isEmpty()) {
      reporting.print(loaded.diagnostics(), err, null);
    }
    loaded.problems().forEach(p -> reporting.problem(err, Code.E601, p));
    if (loaded.document().isEmpty()) {
      if (loaded.unreadable() || !loaded.problems().isEmpty()) {
        return ExitCodes.USAGE;
      }
      reporting.summary(err, "mcppolicy: " + Names.of(policy) + " has errors; nothing was replayed");
      return ExitCodes.FAILED;
    }

    StringBuilder text = new StringBuilder();
    List<SuiteResult> suites = new ArrayList<>();
    Path jsonl = null;
    if (format == Format.jsonl) {
      try {
        jsonl = Files.createTempFile("mcppolicy-replay-", ".jsonl");
      } catch (IOException e) {
        reporting.problem(err, Code.E603, "mcppolicy: " + gathering(e));
        return ExitCodes.USAGE;
      }
      AtomicFiles.removeIfStopped(jsonl);
    }
    boolean problems = false;
    long failed = 0;
    try {
      for (Path trace : traces) {
        String name = Names.of(trace);
        if (!Files.isRegularFile(trace)) {
          reporting.problem(err, Code.E601, "mcppolicy: cannot read " + name + ": "
              + (Files.isDirectory(trace) ? "it is a directory" : "no such file"));
          problems = true;
          continue;
        }
        Sink sink = new Sink(name, jsonl);
        Optional<String> g = Optional.ofNullable(grant);
        Optional<Instant> s = startAt;
        Simulator simulator = Simulator.of(loaded.document().get(), mode);
        Replayer.Opener opener = from == Source.trace
            ? () -> ParallelTraceReader.open(trace, name, simulator)
            : () -> JsonRpcReader.open(trace, name, g, s);
        if (early != null && trace == traces.get(0) && !firstSimulator.isDone()) {
          firstSimulator.complete(simulator);
          opener = firstThen(early, opener);
        }
        Progress progress = new Progress(name);
        sink.progress = progress;
        UnknownTools tools = loaded.unknownTools(sink);
        ExpectationRewriter.Snapshot snapshot = update ? ExpectationRewriter.Snapshot.of(trace) : null;
        Replayer.Summary summary;
        try {
          summary = Replayer.replay(opener, simulator, new Replayer.Options(keepGoing, false), tools);
        } catch (IOException | java.io.UncheckedIOException e) {
          // reading failed part way, or sorting could not write its temporary files: none of this
          // trace's results are kept
          progress.done();
          sink.restart();
          sink.close();
          IOException cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
          reporting.problem(err, Code.E601, "mcppolicy: cannot replay " + name + ": " + IoErrors.describe(cause));
          problems = true;
          continue;
        }
        progress.done();
        try {
          sink.close();
        } catch (IOException e) {
          reporting.problem(err, Code.E603, "mcppolicy: cannot replay " + name + ": " + gathering(e));
          return ExitCodes.USAGE;
        }
        if (!tools.warnings(name).isEmpty()) {
          reporting.print(tools.warnings(name), err, null);
        }
        summary.problems().forEach(p -> reporting.problem(err, Code.E601, p.toString()));
        summary.warnings().forEach(w -> reporting.problem(err, Code.E604, name + ": warning: " + w));
        if (!summary.problems().isEmpty()) {
          problems = true;
          if (!keepGoing) {
            continue;
          }
        }
        failed += summary.failed();
        text.append(sink.text);
        suites.add(new SuiteResult(name, name, sink.cases, summary.warnings()));
        reporting.summary(err, name + ": " + summary.calls() + " calls: " + summary.allowed() + " allowed, " + summary.denied()
            + " denied" + (summary.indeterminate() > 0 ? ", " + summary.indeterminate() + " indeterminate" : "")
            + "; " + summary.expectations() + " expectations, " + summary.failed() + " failed");
        if (update && summary.problems().isEmpty() && !rewrite(trace, name, snapshot, sink.decisions)) {
          problems = true;
        }
      }
      if (problems && !keepGoing) {
        reporting.summary(err, "mcppolicy: a trace could not be read; no results were written");
        return ExitCodes.USAGE;
      }
      try {
        switch (format) {
          case text -> write(text.toString().getBytes(StandardCharsets.UTF_8));
          case jsonl -> copy(jsonl); // a line per call: streamed, never held in memory
          case junit -> write((suites.size() == 1 ? JunitXml.suite(suites.get(0)) : JunitXml.suites(suites))
              .getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        reporting.problem(err, Code.E603, "mcppolicy: cannot write " + out + ": " + IoErrors.describe(e));
        return ExitCodes.USAGE;
      }
    } finally {
      if (jsonl != null) {
        Files.deleteIfExists(jsonl);
        AtomicFiles.forget(jsonl);
      }
    }
    if (problems) {
      return ExitCodes.USAGE;
    }
    return failed > 0 && !update ? ExitCodes.FAILED : ExitCodes.OK;
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

  /** Writes a file's content where the results go, streamed. */
  private void copy(Path file) throws IOException {
    if (out == null) {
      var stdout = spec.commandLine().getOut();
      try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        reader.transferTo(stdout);
      }
      stdout.flush();
    } else {
      AtomicFiles.write(out, o -> Files.copy(file, o));
    }
  }

  private void write(byte[] bytes) throws IOException {
    if (out == null) {
      var stdout = spec.commandLine().getOut();
      stdout.print(new String(bytes, StandardCharsets.UTF_8));
      stdout.flush();
    } else {
      AtomicFiles.write(out, bytes);
    }
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
      reporting.summary(err, name + ": updated " + updated + " expectations");
      return true;
    } catch (IOException e) {
      reporting.problem(err, Code.E603, "mcppolicy: cannot update " + name + ": " + IoErrors.describe(e));
      return false;
    }
  }

  /** Receives decisions: text for failures (or every call), JSON lines, JUnit cases, decisions to write back. */
  private final class Sink implements Replayer.Listener {
    final String name;
    final Path jsonlFile;
    BufferedWriter jsonl;
    StringBuilder text = new StringBuilder();
    List<CaseResult> cases = new ArrayList<>();
    Map<Integer, Decision> decisions = new HashMap<>();
    Progress progress;

    Sink(String name, Path jsonlFile) throws IOException {
      this.name = name;
      this.jsonlFile = jsonlFile;
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
            truncateTo(jsonlStart);
          }
          open();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    private long jsonlStart = -1;

    private void truncateTo(long size) throws IOException {
      try (var channel = java.nio.channels.FileChannel.open(jsonlFile, java.nio.file.StandardOpenOption.WRITE)) {
        channel.truncate(size);
      }
    }

    /**
     * Called for each of millions of calls: the common case (no mismatch, no report) is a few
     * tests, and each report is a method of its own, so that the JIT compiles a small method here
     * rather than all of them inlined.
     */
    @Override
    public void decided(TraceRecord r, Decision d, List<String> mismatches) {
      if (update) {
        decisions.put(r.line(), d);
      }
      if (!mismatches.isEmpty()) {
        text.append(CallReport.failure(name + ":" + r.line(), r, d, mismatches));
      } else if (verbose) {
        verbose(r, d);
      }
      if (format == Format.junit && r.expect().isPresent()) {
        junitCase(r, d, mismatches);
      }
      if (jsonl != null) {
        jsonLine(r, d, mismatches);
      }
    }

    private void verbose(TraceRecord r, Decision d) {
      text.append(Escapes.line(name)).append(':').append(r.line()).append(": ").append(d.verdict().word()).append(' ')
          .append(Escapes.line(r.call().tool())).append(" (grant ").append(Escapes.line(r.call().grant())).append(')')
          .append(d.rule().isEmpty() ? "" : " rule " + Escapes.line(d.rule())).append('\n');
    }

    private void junitCase(TraceRecord r, Decision d, List<String> mismatches) {
      String where = name + ":" + r.line();
      String caseName = "line " + r.line() + ": " + r.call().tool() + r.name().map(n -> " (" + n + ")").orElse("");
      String className = name.replaceAll("\\.trace\\.jsonl$", "").replace('/', '.');
      cases.add(mismatches.isEmpty() ? CaseResult.passed(caseName, className, 0)
          : new CaseResult(caseName, className, Optional.of(where + ": " + String.join("; ", mismatches)),
              Optional.empty(), CallReport.failure(where, r, d, mismatches), 0));
    }

    private void jsonLine(TraceRecord r, Decision d, List<String> mismatches) {
      try {
        if (jsonlStart < 0) {
          jsonl.flush();
          jsonlStart = Files.size(jsonlFile);
        }
        jsonl.write(CallReport.jsonLine(name, r, d, mismatches));
        jsonl.write('\n');
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(new IOException(gathering(e), e));
      }
    }

    @Override
    public void progress(long records) {
      progress.update(records);
    }

    void close() throws IOException {
      if (jsonl != null) {
        jsonl.close();
      }
    }
  }

  /** Records read and calls per second on a terminal, updated about once a second; silent otherwise. */
  private final class Progress {
    private final String name;
    private final boolean on = System.console() != null && reporting.text();
    private final long started = System.nanoTime();
    private long last = started;
    private boolean shown;

    Progress(String name) {
      this.name = name;
    }

    void update(long records) {
      long now = System.nanoTime();
      if (!on || now - last < 1_000_000_000L) {
        return;
      }
      last = now;
      shown = true;
      long perSecond = (long) (records / ((now - started) / 1e9));
      err.print("\r" + name + ": " + records + " records read (" + perSecond + " calls/s)\u001b[K");
      err.flush();
    }

    void done() {
      if (shown) {
        err.print("\r\u001b[K");
        err.flush();
      }
    }
  }
}
