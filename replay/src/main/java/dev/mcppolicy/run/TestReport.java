package dev.mcppolicy.run;

import dev.mcppolicy.coverage.PolicyCoverage;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.report.Escapes;
import dev.mcppolicy.report.SuiteResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a test or verify run found: compiler diagnostics, inputs that could not be used
 * ({@code problems}: E601 diagnostics, in the order found), suite results, warnings, the outputs
 * written, and, when it found nothing to test, what it searched ({@code nothingToTest}: an empty
 * run is never a green run), and, with coverage on, what the run covered of each policy that loaded
 * (docs/coverage.md).
 */
public record TestReport(List<Diagnostic> diagnostics, List<Diagnostic> problems, List<SuiteResult> suites,
    List<String> warnings, List<Path> written, java.util.Optional<String> nothingToTest, List<PolicyCoverage> coverage) {

  public TestReport {
    diagnostics = List.copyOf(diagnostics);
    problems = List.copyOf(problems);
    suites = List.copyOf(suites);
    warnings = List.copyOf(warnings);
    written = List.copyOf(written);
    coverage = List.copyOf(coverage);
  }

  /** A policy.json that does not load, or a file that cannot be read at all: an input, not a policy, is wrong. */
  private static boolean aboutAnInput(Diagnostic d) {
    return d.isError() && (d.code() == dev.mcppolicy.diag.Code.E601
        || d.code() == dev.mcppolicy.diag.Code.E107 && d.location().isEmpty());
  }

  public boolean policyErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long failedSuites() {
    return suites.stream().filter(s -> !s.passed()).count();
  }

  public long cases() {
    return suites.stream().mapToLong(s -> s.cases().size()).sum();
  }

  public long failedCases() {
    return suites.stream().mapToLong(s -> s.failures() + s.errors()).sum();
  }

  /** What a run came to, worst first; the command line gives each its exit code. */
  public enum Outcome {
    /** An input could not be used, or there was nothing to test: no result can be trusted. */
    UNUSABLE,
    /** A policy has errors, or a test failed. */
    FAILED,
    PASSED
  }

  public Outcome outcome() {
    boolean inputErrors = !problems.isEmpty() || suites.stream().anyMatch(s -> s.errors() > 0) || nothingToTest.isPresent()
        || diagnostics.stream().anyMatch(TestReport::aboutAnInput);
    if (inputErrors) {
      return Outcome.UNUSABLE;
    }
    return policyErrors() || failedSuites() > 0 ? Outcome.FAILED : Outcome.PASSED;
  }

  /** The results for people: one line per suite, each failure in full, then a summary. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (SuiteResult s : suites) {
      out.append(text(s));
    }
    out.append(summary()).append('\n');
    return out.toString();
  }

  /** One suite's part of {@link #text}: {@code PASS name: N tests}, or {@code FAIL} and each failure in full. */
  public static String text(SuiteResult s) {
    StringBuilder out = new StringBuilder();
    long bad = s.failures() + s.errors();
    String what = s.file().endsWith(".trace.jsonl") ? "expectation" : "test";
    String name = Escapes.line(s.name());
    if (bad == 0) {
      out.append("PASS ").append(name).append(": ").append(count(s.cases().size(), what)).append('\n');
    } else {
      out.append("FAIL ").append(name).append(": ").append(bad).append(" of ")
          .append(count(s.cases().size(), what)).append(" failed\n");
      for (var c : s.cases()) {
        if (!c.ok()) {
          String detail = c.detail().isEmpty() ? c.failure().or(c::error).orElse("") + "\n" : indentFirst(c);
          // line by line: the report's own lines stay, control characters inside one are shown escaped
          out.append(String.join("\n", detail.lines().map(Escapes::line).toList())).append('\n');
          out.append(detail.endsWith("\n") ? "\n" : "");
        }
      }
    }
    return out.toString();
  }

  private static String indentFirst(dev.mcppolicy.report.CaseResult c) {
    String d = c.detail();
    return d.endsWith("\n") ? d.substring(0, d.length() - 1) : d;
  }

  public String summary() {
    long passed = suites.size() - failedSuites();
    return count(suites.size(), "suite") + " (" + count(cases(), "case") + "): " + passed + " passed, "
        + failedSuites() + " failed";
  }

  private static String count(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
