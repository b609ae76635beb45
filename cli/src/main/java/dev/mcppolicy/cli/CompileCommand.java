package dev.mcppolicy.cli;

import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Code;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.json.JsonWriter;
import dev.mcppolicy.model.PolicyJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compile a policy to canonical policy.json, on stdout or to a file.")
final class CompileCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.mcppolicy", description = "The policy to compile.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.json",
      description = "Write the document here (atomically) instead of stdout.")
  Path output;

  @Option(names = "--jcs", description = "Print the RFC 8785 (JCS) form instead of the canonical layout.")
  boolean jcs;

  @Option(names = "--source-map", paramLabel = "MAP.json",
      description = "Also write where each part of the document came from (file, line, column, imports), atomically.")
  Path sourceMap;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    CompileResult result = PolicyCompiler.compile(file, compiler.toOptions());
    var err = spec.commandLine().getErr();
    if (result.unreadable()) {
      reporting.print(result.diagnostics(), err, null);
      return ExitCodes.USAGE;
    }
    if (result.document().isEmpty()) {
      reporting.print(result.diagnostics(), err,
          "mcppolicy: could not compile " + file + " (" + Reporting.counts(result.errorCount(), result.warningCount()) + ")");
      return ExitCodes.FAILED;
    }
    reporting.print(result.diagnostics(), err, null);
    String text;
    try {
      text = jcs ? PolicyJson.jcs(result.document().get()) : PolicyJson.canonical(result.document().get());
    } catch (ArithmeticException e) {
      reporting.problem(err, Code.E603, "mcppolicy: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    for (Path out : java.util.Arrays.asList(output, sourceMap)) {
      if (out != null && refused(out, result, err)) {
        return ExitCodes.USAGE;
      }
    }
    if (sourceMap != null && output != null && sourceMap.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      reporting.problem(err, Code.E603, "mcppolicy: refusing to write the document and its source map both to " + output);
      return ExitCodes.USAGE;
    }
    if (sourceMap != null && !written(sourceMap, JsonWriter.pretty(result.sourceMap().json(result.document().get())), err)) {
      return ExitCodes.USAGE;
    }
    if (output != null) {
      return written(output, text, err) ? ExitCodes.OK : ExitCodes.USAGE;
    }
    spec.commandLine().getOut().print(text); // a failed write to stdout is caught by Main
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** Writes {@code text} to {@code out} atomically; false, having said why, when it cannot. */
  private boolean written(Path out, String text, java.io.PrintWriter err) {
    try {
      AtomicFiles.write(out, text);
      return true;
    } catch (IOException e) {
      reporting.problem(err, Code.E603, "mcppolicy: cannot write " + out + ": " + dev.mcppolicy.io.IoErrors.describe(e));
      return false;
    }
  }

  /** Whether writing {@code out} would overwrite an input of this compile: then it says so. */
  private boolean refused(Path out, CompileResult result, java.io.PrintWriter err) {
    for (Path input : result.files()) {
      if (AtomicFiles.isSameFile(out, input)) {
        reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + out + ": it is " + Names.of(input)
            + ", an input of this compile");
        return true;
      }
    }
    return false;
  }
}
