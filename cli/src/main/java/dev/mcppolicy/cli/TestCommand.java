package dev.mcppolicy.cli;

import dev.mcppolicy.run.TestRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run every test block and every trace under the paths (default: the current folder).")
final class TestCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders.")
  List<Path> paths;

  @Mixin
  TestingOptions testing;

  @Mixin
  CompilerOptions compiler;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    var cli = spec.commandLine();
    var report = TestRunner.test(paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths,
        testing.toOptions(cli, compiler, false));
    return testing.finish(report, reporting, cli.getOut(), cli.getErr());
  }
}
