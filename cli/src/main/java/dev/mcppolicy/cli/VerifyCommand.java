package dev.mcppolicy.cli;

import dev.mcppolicy.run.TestRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"What CI runs: compile every policy under DIR (default: the current folder) and its subfolders, then run their tests.",
        "With DIR/src/main/mcppolicy (the Maven layout) policies compile to DIR/target/mcppolicy."})
final class VerifyCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "The project or sample folder.")
  Path dir;

  @Mixin
  TestingOptions testing;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    var cli = spec.commandLine();
    var report = TestRunner.verify(dir == null ? Path.of(".") : dir, testing.toOptions(cli, compiler, true));
    return testing.finish(report, reporting, cli.getOut(), cli.getErr());
  }
}
