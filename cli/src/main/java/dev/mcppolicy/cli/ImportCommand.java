package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.format.PolicyImport;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.run.LoadedPolicy;
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
    if (!SourceOutput.mayWrite(output, force, reporting, err)) {
      return ExitCodes.USAGE;
    }
    if (output != null && AtomicFiles.isSameFile(output, policy)) {
      reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + output + ": it is the policy being imported");
      return ExitCodes.USAGE;
    }
    if (!policy.getFileName().toString().endsWith(".json")) {
      reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(policy) + " is not a policy.json (its name does not end in .json)");
      return ExitCodes.USAGE;
    }
    LoadedPolicy loaded = LoadedPolicy.load(policy, Names.of(policy), dev.mcppolicy.compiler.CompileOptions.defaults());
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
    return SourceOutput.write(r.source().get(), output, spec.commandLine().getOut(), reporting, err);
  }
}
