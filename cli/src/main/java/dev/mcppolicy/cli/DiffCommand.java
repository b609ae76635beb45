package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diff.DiffSession;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.sim.WindowMode;
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
    DiffSession.Traffic traffic = new DiffSession.Traffic(traces, Names::of, from == Source.jsonrpc, Optional.ofNullable(grant),
        InstantOption.optional(spec, "--start", start), windows);
    try (DiffSession diff = DiffSession.run(a, b, traffic, format == Format.jsonl, p -> reporting.problem(err, p))) {
      if (diff.trafficProblems()) {
        return ExitCodes.USAGE;
      }
      try {
        write(diff);
      } catch (IOException e) {
        reporting.problem(err, Code.E603, "mcppolicy: cannot write " + (out == null ? "to standard output" : out) + ": "
            + dev.mcppolicy.io.IoErrors.describe(e));
        return ExitCodes.USAGE;
      }
      boolean failed = failOn == FailOn.flip ? diff.flips() > 0 : failOn == FailOn.permissive && diff.permissive();
      return failed ? ExitCodes.FAILED : ExitCodes.OK;
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

  /** The report in the chosen format, on stdout or atomically into --out. */
  private void write(DiffSession diff) throws IOException {
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      render(diff, stdout);
      stdout.flush(); // a failed write to stdout is caught by Main
      return;
    }
    AtomicFiles.write(out, o -> {
      Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
      render(diff, w);
      w.flush();
    });
  }

  private void render(DiffSession diff, Writer w) throws IOException {
    switch (format) {
      case text -> diff.text(w);
      case markdown -> diff.markdown(w);
      case jsonl -> diff.jsonl(w);
    }
  }
}
