package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The source a command writes ({@code import}, {@code catalog}): to stdout, or atomically to {@code -o}, never over a file unless forced. */
final class SourceOutput {
  private SourceOutput() {}

  /** Whether {@code output} may be written: false, having said why, when it exists and {@code force} is off. */
  static boolean mayWrite(Path output, boolean force, Reporting reporting, PrintWriter err) {
    if (output != null && Files.exists(output) && !force) {
      reporting.problem(err, Code.E603, "mcppolicy: " + output + " exists: give --force to overwrite it");
      return false;
    }
    return true;
  }

  /** Writes {@code text}; the exit code. */
  static int write(String text, Path output, PrintWriter out, Reporting reporting, PrintWriter err) {
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
