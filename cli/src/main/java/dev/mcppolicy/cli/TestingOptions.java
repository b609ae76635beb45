package dev.mcppolicy.cli;

import com.google.re2j.Pattern;
import dev.mcppolicy.coverage.CoverageReport;
import dev.mcppolicy.diag.Code;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.model.RegexCheck;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.report.JunitXml;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.run.TestReport;
import dev.mcppolicy.run.TestRunner;
import dev.mcppolicy.sim.WindowMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options and output shared by {@code test} and {@code verify}. A picocli mixin. */
final class TestingOptions {
  @Option(names = "--junit", paramLabel = "DIR", description = "Also write Surefire XML reports (TEST-*.xml) here.")
  Path junit;

  @Option(names = "--run", paramLabel = "REGEX", description = "Run only tests and traces whose name this RE2 pattern finds.")
  String run;

  @Option(names = "--windows", defaultValue = "calendar", paramLabel = "MODE",
      description = "calendar (the gateway's) or sliding (a what-if).")
  WindowMode windows;

  @Option(names = "--coverage", description = "Measure which points of each policy the tests and traces cover, "
      + "and print what they never covered (docs/coverage.md).")
  boolean coverage;

  @Option(names = "--coverage-out", paramLabel = "DIR", description = "With coverage, also write lcov.info and cobertura.xml here.")
  Path coverageOut;

  @Option(names = "--coverage-threshold", paramLabel = "PERCENT",
      description = "With coverage, fail (exit 1) when a policy's coverage is below this percentage.")
  String threshold;

  private BigDecimal thresholdValue;

  /** Either of --coverage-out and --coverage-threshold turns coverage on, as --coverage does. */
  private boolean measured() {
    return coverage || coverageOut != null || threshold != null;
  }

  TestRunner.Options toOptions(CommandLine cli, CompilerOptions compiler, boolean writeOutputs) {
    if (threshold != null) {
      try {
        thresholdValue = CoverageReport.threshold(threshold);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, "--coverage-threshold: " + e.getMessage());
      }
    }
    Optional<Pattern> pattern = Optional.empty();
    if (run != null) {
      Optional<RegexCheck.Problem> problem = RegexCheck.check(run); // what policies may use, checked the same way
      if (problem.isPresent()) {
        throw new CommandLine.ParameterException(cli, "--run takes an RE2 pattern: " + problem.get().message()
            + " (at character " + (problem.get().index() + 1) + ")");
      }
      pattern = Optional.of(Pattern.compile(run));
    }
    return new TestRunner.Options(compiler.toOptions(), windows, pattern, writeOutputs, measured());
  }

  /** Prints a report (results on stdout, the rest on stderr), writes JUnit files, returns the exit code. */
  int finish(TestReport report, Reporting reporting, PrintWriter out, PrintWriter err) {
    if (!report.diagnostics().isEmpty()) {
      reporting.print(report.diagnostics(), err, null);
    }
    report.problems().forEach(p -> reporting.problem(err, p));
    report.nothingToTest().ifPresent(n -> reporting.problem(err, Code.E602, "mcppolicy: " + n));
    report.warnings().forEach(w -> reporting.problem(err, Code.E604, w));
    out.print(report.text());
    if (measured()) {
      out.print(CoverageReport.text(report.coverage()));
    }
    out.flush();
    if (coverageOut != null) {
      try {
        CoverageReport.write(coverageOut, report.coverage(), "mcppolicy " + Version.get());
      } catch (IOException e) {
        reporting.problem(err, Code.E603, "mcppolicy: cannot write coverage to " + coverageOut + ": " + IoErrors.describe(e));
        return ExitCodes.USAGE;
      }
    }
    if (junit != null) {
      for (SuiteResult suite : report.suites()) {
        String file = JunitXml.fileName(suite);
        try {
          AtomicFiles.write(junit.resolve(file), JunitXml.suite(suite));
        } catch (IOException e) {
          reporting.problem(err, Code.E603, "mcppolicy: cannot write " + junit.resolve(file) + ": " + IoErrors.describe(e));
          return ExitCodes.USAGE;
        }
      }
    }
    List<String> below = thresholdValue == null ? List.of() : CoverageReport.belowThreshold(report.coverage(), thresholdValue);
    below.forEach(b -> err.println("mcppolicy: coverage below the threshold: " + b));
    err.flush();
    return switch (report.outcome()) {
      case UNUSABLE -> ExitCodes.USAGE;
      case FAILED -> ExitCodes.FAILED;
      case PASSED -> below.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    };
  }
}
