package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.format.PolicyImport;
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

  @Option(names = "--catalog", paramLabel = "MODULE",
      description = "Bind the import to this catalog (a stdlib module such as std/servers/git, or a catalog file) "
          + "and recover class, risk and glob selectors, and presets, where they are exact.")
  String catalog;

  @Mixin
  SourceOutput target;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    if (!target.mayWrite(policy, "import", reporting, err)) {
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
    Path where = target.where(policy.resolveSibling(policy.getFileName().toString().replaceAll("\\.json$", ".mcppolicy")));
    PolicyImport.Result r = catalog == null ? PolicyImport.checked(loaded.document().get(), Names.of(policy), where)
        : PolicyImport.checked(loaded.document().get(), Names.of(policy), where, catalog);
    if (r.source().isEmpty()) {
      r.problems().forEach(p -> reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(policy) + ": " + p));
      return ExitCodes.USAGE;
    }
    return target.write(r.source().get(), spec.commandLine().getOut(), reporting, err);
  }
}
