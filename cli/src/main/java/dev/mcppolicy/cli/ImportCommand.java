package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.format.PolicyImport;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.run.LoadedPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Turn a policy.json into .mcppolicy source that compiles back to it, byte for byte.")
final class ImportCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "POLICY.json", description = "A hand-written or deployed policy.json.")
  Path policy;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.mcppolicy", description = "Write the source here (atomically) instead of stdout.")
  Path output;

  @Option(names = "--force", description = "Overwrite OUT.mcppolicy if it exists.")
  boolean force;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    if (output != null && Files.exists(output) && !force) {
      reporting.problem(err, Code.E603, "mcppolicy: " + output + " exists: give --force to overwrite it");
      return ExitCodes.USAGE;
    }
    if (output != null && AtomicFiles.isSameFile(output, policy)) {
      reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + output + ": it is the policy being imported");
      return ExitCodes.USAGE;
    }
    LoadedPolicy loaded = LoadedPolicy.load(policy, Names.of(policy), dev.mcppolicy.compiler.CompileOptions.defaults());
    if (!policy.getFileName().toString().endsWith(".json")) {
      reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(policy) + " is not a policy.json (its name ends in .json)");
      return ExitCodes.USAGE;
    }
    if (loaded.document().isEmpty()) {
      reporting.print(loaded.diagnostics(), err, null);
      return ExitCodes.USAGE;
    }
    Path where = output != null ? output : policy.resolveSibling(policy.getFileName().toString().replaceAll("\\.json$", ".mcppolicy"));
    PolicyImport.Result r = PolicyImport.checked(loaded.document().get(), Names.of(policy), where);
    if (r.source().isEmpty()) {
      r.problems().forEach(p -> reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(policy) + ": " + p));
      return ExitCodes.USAGE;
    }
    if (output == null) {
      spec.commandLine().getOut().print(r.source().get()); // a failed write to stdout is caught by Main
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    try {
      AtomicFiles.write(output, r.source().get());
      return ExitCodes.OK;
    } catch (IOException e) {
      reporting.problem(err, Code.E603, "mcppolicy: cannot write " + output + ": " + dev.mcppolicy.io.IoErrors.describe(e));
      return ExitCodes.USAGE;
    }
  }
}
