package dev.mcppolicy.cli;

import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Report every problem of policies and modules without writing anything.")
final class CheckCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to check.")
  List<Path> files;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    List<Diagnostic> all = new ArrayList<>();
    boolean unreadable = false;
    long errors = 0;
    long warnings = 0;
    for (Path file : files) {
      CompileResult result = PolicyCompiler.check(file, compiler.toOptions());
      all.addAll(result.diagnostics());
      unreadable |= result.unreadable();
      errors += result.errorCount();
      warnings += result.warningCount();
    }
    String summary = "checked " + Reporting.plural(files.size(), "file") + ": " + Reporting.counts(errors, warnings);
    reporting.print(all, spec.commandLine().getErr(), summary);
    if (unreadable) {
      return ExitCodes.USAGE;
    }
    return errors > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
