package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostics;
import dev.mcppolicy.format.Formatter;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.syntax.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", mixinStandardHelpOptions = true,
    description = "Rewrite files in the canonical layout; with --check, list the files that would change.")
final class FmtCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to format.")
  List<Path> files;

  @Option(names = "--check", description = "Change nothing; list files not in canonical layout and exit 1 if any.")
  boolean check;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    boolean unreadable = false;
    boolean broken = false;
    boolean changed = false;
    Diagnostics sink = new Diagnostics();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        reporting.problem(err, Code.E601, "mcppolicy: cannot read " + file + ": "
            + (Files.isDirectory(file) ? "it is a directory" : dev.mcppolicy.io.IoErrors.describe(e)));
        unreadable = true;
        continue;
      }
      String name = file.toString().replace('\\', '/');
      Optional<String> formatted = Parser.decode(name, bytes, sink).flatMap(source -> Formatter.format(source, sink));
      if (formatted.isEmpty()) {
        broken = true;
        continue;
      }
      String original = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      if (formatted.get().equals(original)) {
        continue;
      }
      changed = true;
      if (check) {
        out.println(name);
      } else {
        try {
          AtomicFiles.write(file, formatted.get());
        } catch (IOException e) {
          reporting.problem(err, Code.E603, "mcppolicy: cannot write " + file + ": " + dev.mcppolicy.io.IoErrors.describe(e));
          unreadable = true;
        }
      }
    }
    out.flush();
    if (!sink.sorted().isEmpty()) {
      reporting.print(sink.sorted(), err, "mcppolicy: files with errors were left as they are");
    }
    if (unreadable) {
      return ExitCodes.USAGE;
    }
    return broken || (check && changed) ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
