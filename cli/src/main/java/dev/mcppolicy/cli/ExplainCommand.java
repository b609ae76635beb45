package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.report.ExplanationReport;
import dev.mcppolicy.run.Explain;
import dev.mcppolicy.run.LoadedPolicy;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Explanation;
import dev.mcppolicy.sim.WindowMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Show every step of one call's decision: the rules it met, the values they read, the counters, "
        + "and the line that decided.")
final class ExplainCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "POLICY", description = "A .mcppolicy (compiled first) or a policy.json.")
  Path policy;

  @Parameters(paramLabel = "TRACE:LINE", arity = "0..1",
      description = "Explain the call on this line of a trace, with the counters a replay has before it.")
  String traceLine;

  @Option(names = "--tool", paramLabel = "TOOL", description = "Explain a call to this tool, with fresh counters.")
  String tool;

  @Option(names = "--grant", paramLabel = "GRANT", defaultValue = "explain", description = "With --tool: the call's grant (default: ${DEFAULT-VALUE}).")
  String grant;

  @Option(names = "--args", paramLabel = "JSON", defaultValue = "{}", description = "With --tool: the arguments, a JSON object.")
  String args;

  @Option(names = "--at", paramLabel = "INSTANT", defaultValue = "2026-01-01T00:00:00Z",
      description = "With --tool: when the call is made, RFC 3339 (default: ${DEFAULT-VALUE}, as test blocks).")
  String at;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--windows", defaultValue = "calendar", paramLabel = "MODE", description = "calendar (the gateway's) or sliding.")
  WindowMode windows;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    if ((tool == null) == (traceLine == null)) {
      throw new ParameterException(spec.commandLine(), "give either --tool TOOL or TRACE:LINE, not both and not neither");
    }
    for (String callOnly : new String[] {"--grant", "--args", "--at"}) {
      if (traceLine != null && spec.commandLine().getParseResult().hasMatchedOption(callOnly)) {
        throw new ParameterException(spec.commandLine(), callOnly + " describes a call given with --tool; TRACE:LINE names its own");
      }
    }
    Call call = tool == null ? null : describedCall();
    PolicyInput.Loaded input = PolicyInput.load(policy, compiler.toOptions(), reporting, err, "explained");
    if (input.stop().isPresent()) {
      return input.stop().getAsInt();
    }
    LoadedPolicy loaded = input.policy();
    Explanation explanation;
    if (call != null) {
      explanation = Explain.call(loaded, call, windows);
    } else {
      int colon = traceLine.lastIndexOf(':');
      int line = colon < 0 ? -1 : lineNumber(traceLine.substring(colon + 1));
      if (line < 1) {
        throw new ParameterException(spec.commandLine(), "expected TRACE:LINE with a line number from 1, as in day.trace.jsonl:12, not '"
            + traceLine + "'");
      }
      Path trace = Path.of(traceLine.substring(0, colon));
      if (!Files.isRegularFile(trace)) {
        reporting.problem(err, Code.E601, "mcppolicy: cannot read " + Names.of(trace) + ": "
            + (Files.isDirectory(trace) ? "it is a directory" : "no such file"));
        return ExitCodes.USAGE;
      }
      Explain.Result r = Explain.atLine(loaded, trace, Names.of(trace), line, windows);
      if (r.explanation().isEmpty()) {
        r.problems().forEach(p -> reporting.problem(err, p));
        return ExitCodes.USAGE;
      }
      explanation = r.explanation().get();
    }
    var out = spec.commandLine().getOut();
    out.print(format == Format.json ? JsonWriter.pretty(ExplanationReport.json(explanation, loaded.sourceMap()))
        : ExplanationReport.text(explanation, loaded.sourceMap()));
    out.flush();
    return ExitCodes.OK;
  }

  /** The call --tool, --grant, --args and --at describe; a usage error for a bad one. */
  private Call describedCall() {
    JsonObject arguments;
    try {
      if (!(JsonReader.read(args).root() instanceof JsonObject o)) {
        throw new ParameterException(spec.commandLine(), "--args takes a JSON object, as in '{\"model\": \"res.partner\"}'");
      }
      arguments = o;
    } catch (JsonReader.JsonSyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--args at column " + e.location().column() + ": " + e.getMessage());
    }
    return new Call(grant, tool, Arguments.of(arguments), InstantOption.parse(spec, "--at", at), Outcome.OK);
  }

  private static int lineNumber(String text) {
    try {
      return text.matches("[0-9]{1,9}") ? Integer.parseInt(text) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
