package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.run.ReplaySession;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.RecordSource;
import dev.mcppolicy.trace.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
    Optional<Instant> startAt = InstantOption.optional(spec, "--start", start);
    if (update && from != Source.trace) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--update-expectations rewrites trace files, not JSON-RPC logs");
    }
    List<Path> inputs = new ArrayList<>(traces);
    inputs.add(policy);
    for (Path input : inputs) {
      if (out != null && AtomicFiles.isSameFile(out, input)) {
        reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + out + ": it is " + Names.of(input)
            + ", an input of this replay");
        return ExitCodes.USAGE;
      }
    }
    // the first trace starts being read now, on the other cores, while the policy compiles
    CompletableFuture<Simulator> firstSimulator = new CompletableFuture<>();
    RecordSource early = from == Source.trace ? openEarly(firstSimulator) : null;
    try {
      PolicyInput.Loaded input = PolicyInput.load(policy, compiler.toOptions(), reporting, err, "replayed");
      if (input.stop().isPresent()) {
        return input.stop().getAsInt();
      }
      LoadedPolicy loaded = input.policy();
      ReplaySession.Options options = new ReplaySession.Options(ReplaySession.Format.valueOf(format.name().toUpperCase(
          java.util.Locale.ROOT)), verbose, update, windows, keepGoing, from == Source.trace ? ReplaySession.Source.TRACE
          : ReplaySession.Source.JSONRPC, Optional.ofNullable(grant), startAt);
      ReplaySession.Result result = ReplaySession.run(loaded, traces, options, new ReplayEvents(reporting, err), Names::of, early,
          firstSimulator);
      if (result.output().isEmpty()) {
        return ExitCodes.USAGE;
      }
      try (ReplaySession.Output output = result.output().get()) {
        write(output);
      } catch (IOException e) {
        reporting.problem(err, Code.E603, "mcppolicy: cannot write " + (out == null ? "to standard output" : out) + ": "
            + IoErrors.describe(e));
        return ExitCodes.USAGE;
      }
      if (result.inputProblems()) {
        return ExitCodes.USAGE;
      }
      return result.failed() > 0 && !update ? ExitCodes.FAILED : ExitCodes.OK;
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
      return ParallelTraceReader.open(traces.get(0), Names.of(traces.get(0)), simulator.thenApply(Replayer::preparing));
    } catch (IOException e) {
      return null;
    }
  }

  /** The results, on stdout or atomically into --out. */
  private void write(ReplaySession.Output output) throws IOException {
    if (out == null) {
      var stdout = spec.commandLine().getOut();
      output.writeTo(stdout); // a failed write to stdout is caught by Main
      stdout.flush();
      return;
    }
    AtomicFiles.write(out, o -> {
      var writer = new java.io.OutputStreamWriter(o, java.nio.charset.StandardCharsets.UTF_8);
      output.writeTo(writer);
      writer.flush();
    });
  }
}
