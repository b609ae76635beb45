package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diff.Change;
import dev.mcppolicy.diff.DiffReport;
import dev.mcppolicy.diff.Flip;
import dev.mcppolicy.diff.StaticDiff;
import dev.mcppolicy.diff.TrafficDiff;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.JsonRpcReader;
import dev.mcppolicy.trace.ParallelTraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "What changes between two policies: part by part, and, with --traces, on recorded calls.")
final class DiffCommand implements Callable<Integer> {
  enum Format { text, jsonl, markdown }

  enum FailOn { permissive, flip }

  enum Source { trace, jsonrpc }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD",
      description = "The policy as it is: a .mcppolicy, a policy.json, or git:REF:PATH (as at that revision).")
  String old;

  @Parameters(index = "1", paramLabel = "NEW", description = "The policy as it would be, in the same forms.")
  String now;

  @Option(names = "--traces", arity = "1..*", paramLabel = "TRACE", description = "Recorded calls to decide with both policies.")
  List<Path> traces = new ArrayList<>();

  @Option(names = "--from", defaultValue = "trace", description = "trace (*.trace.jsonl) or jsonrpc (raw MCP JSON-RPC logs).")
  Source from;

  @Option(names = "--grant", paramLabel = "GRANT", description = "With --from jsonrpc: the grant of bare messages.")
  String grant;

  @Option(names = "--start", paramLabel = "INSTANT", description = "With --from jsonrpc: the instant of bare messages (RFC 3339).")
  String start;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, jsonl or markdown (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report here (atomically) instead of stdout.")
  Path out;

  @Option(names = "--fail-on", paramLabel = "WHAT",
      description = "Exit 1 when a change is permissive or a call flips deny -> allow (permissive), or when any call flips (flip).")
  FailOn failOn;

  @Option(names = "--windows", defaultValue = "calendar", paramLabel = "MODE", description = "calendar (the gateway's) or sliding.")
  WindowMode windows;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> inputs = new ArrayList<>(traces);
    for (String policy : List.of(old, now)) {
      if (!policy.startsWith("git:")) {
        inputs.add(Path.of(policy));
      }
    }
    for (Path input : inputs) {
      if (out != null && AtomicFiles.isSameFile(out, input)) {
        reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + out + ": it is " + Names.of(input) + ", an input of this diff");
        return ExitCodes.USAGE;
      }
    }
    Optional<LoadedPolicy> loadedA = load(old, err);
    Optional<LoadedPolicy> loadedB = loadedA.isEmpty() ? Optional.empty() : load(now, err);
    if (loadedB.isEmpty()) {
      return ExitCodes.USAGE;
    }
    LoadedPolicy a = loadedA.get();
    LoadedPolicy b = loadedB.get();
    for (LoadedPolicy p : List.of(a, b)) {
      if (!p.diagnostics().isEmpty()) {
        reporting.print(p.diagnostics(), err, null);
      }
    }
    if (a.document().isEmpty() || b.document().isEmpty()) {
      reporting.summary(err, "mcppolicy: a policy could not be loaded; nothing was compared");
      return ExitCodes.USAGE;
    }
    List<Change> changes = StaticDiff.between(a.document().get(), a.sourceMap(), b.document().get(), b.sourceMap());
    TrafficDiff.Policy oldPolicy = new TrafficDiff.Policy(a.document().get(), a.sourceMap());
    TrafficDiff.Policy newPolicy = new TrafficDiff.Policy(b.document().get(), b.sourceMap());
    Path flipsFile = Files.createTempFile("mcppolicy-diff-", ".jsonl");
    AtomicFiles.removeIfStopped(flipsFile);
    try {
      List<Flip> shown = new ArrayList<>();
      Optional<TrafficDiff.Summary> traffic = traffic(oldPolicy, newPolicy, flipsFile, shown, err);
      if (traffic.isPresent() && !traffic.get().problems().isEmpty()) {
        return ExitCodes.USAGE;
      }
      write(changes, traffic, shown, flipsFile);
      return failed(changes, traffic) ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (IOException e) {
      reporting.problem(err, Code.E603, "mcppolicy: cannot write " + (out == null ? "to standard output" : out) + ": "
          + dev.mcppolicy.io.IoErrors.describe(e));
      return ExitCodes.USAGE;
    } finally {
      Files.deleteIfExists(flipsFile);
      AtomicFiles.forget(flipsFile);
    }
  }

  /** A policy from a file, or from git:REF:PATH; empty, having said why, when the git revision cannot be read. */
  private Optional<LoadedPolicy> load(String argument, PrintWriter err) {
    Optional<dev.mcppolicy.compiler.GitRevision.Spec> git;
    try {
      git = dev.mcppolicy.compiler.GitRevision.Spec.parse(argument);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (git.isEmpty()) {
      Path file = Path.of(argument);
      return Optional.of(LoadedPolicy.load(file, Names.of(file), compiler.toOptions()));
    }
    try {
      Path file = git.get().path();
      Path folder = file.toAbsolutePath().normalize().getParent();
      while (folder != null && !Files.isDirectory(folder)) {
        folder = folder.getParent(); // the file's folder may be gone from the working tree
      }
      var revision = dev.mcppolicy.compiler.GitRevision.at(git.get().revision(), folder == null ? Path.of("").toAbsolutePath() : folder);
      return Optional.of(LoadedPolicy.load(file, argument, compiler.toOptions().withSources(revision)));
    } catch (IOException e) {
      reporting.problem(err, Code.E601, "mcppolicy: cannot read " + argument + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Every trace decided by both policies; the flips into {@code flipsFile}, the first ones into {@code shown}. */
  private Optional<TrafficDiff.Summary> traffic(TrafficDiff.Policy a, TrafficDiff.Policy b, Path flipsFile, List<Flip> shown,
      PrintWriter err) throws IOException {
    if (traces.isEmpty()) {
      return Optional.empty();
    }
    TrafficDiff.Summary total = TrafficDiff.Summary.NONE;
    for (Path trace : traces) {
      String name = Names.of(trace);
      if (!Files.isRegularFile(trace)) {
        reporting.problem(err, Code.E601, "mcppolicy: cannot read " + name + ": "
            + (Files.isDirectory(trace) ? "it is a directory" : "no such file"));
        return Optional.of(total.plus(TrafficDiff.Summary.NONE.withProblem(new dev.mcppolicy.trace.TraceProblem(name, 1, "cannot read"))));
      }
      TrafficDiff.Summary s;
      try (FlipFile flips = new FlipFile(flipsFile, shown, format == Format.jsonl)) {
        s = TrafficDiff.run(a, b, name, stage -> from == Source.trace
            ? () -> ParallelTraceReader.open(trace, name, stage)
            : () -> JsonRpcReader.open(trace, name, Optional.ofNullable(grant), startAt()), windows, flips);
      }
      s.problems().forEach(p -> reporting.problem(err, p.diagnostic()));
      s.warnings().forEach(w -> reporting.problem(err, Code.E604, name + ": warning: " + w));
      total = total.plus(s);
      if (!s.problems().isEmpty()) {
        break;
      }
    }
    return Optional.of(total);
  }

  /**
   * One trace's flips, as JSON lines in a scratch file that is appended to {@code all} when the
   * trace is done (only for JSON lines: text and markdown show the first flips alone); a replay
   * that starts over (the trace was out of order) empties it first.
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

  /** The report in the chosen format, on stdout or atomically into --out. */
  private void write(List<Change> changes, Optional<TrafficDiff.Summary> traffic, List<Flip> shown, Path flipsFile)
      throws IOException {
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      render(stdout, changes, traffic, shown, flipsFile);
      stdout.flush(); // a failed write to stdout is caught by Main
      return;
    }
    AtomicFiles.write(out, o -> {
      Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
      render(w, changes, traffic, shown, flipsFile);
      w.flush();
    });
  }

  private void render(Writer w, List<Change> changes, Optional<TrafficDiff.Summary> traffic, List<Flip> shown, Path flipsFile)
      throws IOException {
    switch (format) {
      case text -> {
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
      case markdown -> w.write(DiffReport.markdown(changes, traffic, shown));
      case jsonl -> {
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
    }
  }

  /** --start, a usage error when it is not an instant a replay decides at. */
  private Optional<java.time.Instant> startAt() {
    if (start == null) {
      return Optional.empty();
    }
    return Optional.of(dev.mcppolicy.time.Instants.parse(start).filter(dev.mcppolicy.time.Instants::decidable)
        .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(), "--start takes an RFC 3339 instant "
            + "with a zone in " + dev.mcppolicy.time.Instants.DECIDABLE + ", as in 2026-11-21T10:00:00Z, not '" + start + "'")));
  }

  private boolean failed(List<Change> changes, Optional<TrafficDiff.Summary> traffic) {
    if (failOn == null) {
      return false;
    }
    long flips = traffic.map(TrafficDiff.Summary::flips).orElse(0L);
    return switch (failOn) {
      case flip -> flips > 0;
      case permissive -> changes.stream().anyMatch(c -> c.effect() == Change.Effect.PERMISSIVE)
          || traffic.map(TrafficDiff.Summary::denyToAllow).orElse(0L) > 0;
    };
  }
}
