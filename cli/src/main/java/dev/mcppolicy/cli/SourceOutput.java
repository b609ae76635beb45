package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command that writes source ({@code import}, {@code catalog}) writes it: stdout, or
 * atomically to {@code -o}, never over an existing file unless {@code --force}. A picocli mixin.
 */
final class SourceOutput {
  @Option(names = {"-o", "--output"}, paramLabel = "OUT.mcppolicy", description = "Write the source here (atomically) instead of stdout.")
  Path output;

  @Option(names = "--force", description = "Overwrite OUT.mcppolicy if it exists.")
  boolean force;

  /**
   * Whether the output may be written: false, having said why, when it exists and --force is off,
   * or when it is {@code input}, the file the command reads (even with --force).
   */
  boolean mayWrite(Path input, String command, Reporting reporting, PrintWriter err) {
    if (output != null && AtomicFiles.isSameFile(output, input)) {
      reporting.problem(err, Code.E603, "mcppolicy: refusing to write " + output + ": it is " + Names.of(input)
          + ", the input of this " + command);
      return false;
    }
    if (output != null && Files.exists(output) && !force) {
      reporting.problem(err, Code.E603, "mcppolicy: " + output + " exists: give --force to overwrite it");
      return false;
    }
    return true;
  }

  /** Where the source will be, for resolving its imports: -o, else {@code beside}. */
  Path where(Path beside) {
    return output != null ? output : beside;
  }

  /** Writes {@code text}; the exit code. */
  int write(String text, PrintWriter out, Reporting reporting, PrintWriter err) {
    if (output == null) {
      out.print(text); // a failed write to stdout is caught by Main
      out.flush();
      return ExitCodes.OK;
    }
    try {
      AtomicFiles.write(output, text);
      return ExitCodes.OK;
    } catch (IOException e) {
      reporting.problem(err, Code.E603, "mcppolicy: cannot write " + output + ": " + dev.mcppolicy.io.IoErrors.describe(e));
      return ExitCodes.USAGE;
    }
  }
}
