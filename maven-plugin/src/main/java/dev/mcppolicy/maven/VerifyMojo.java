package dev.mcppolicy.maven;

import dev.mcppolicy.coverage.CoverageReport;
import dev.mcppolicy.io.AtomicFiles;
import dev.mcppolicy.io.IoErrors;
import dev.mcppolicy.report.CaseResult;
import dev.mcppolicy.report.JunitXml;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.run.TestReport;
import dev.mcppolicy.run.TestRunner;
import dev.mcppolicy.sim.WindowMode;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the policies (writing the same outputs as {@code compile}), then runs their test
 * blocks and the tests and traces under {@code testDirectory}, writes Surefire XML reports, and
 * fails the build listing every failed expectation.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractPolicyMojo {
  /**
   * Test files ({@code .mcppolicy} with test blocks) and traces ({@code *.trace.jsonl}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.testDirectory", defaultValue = "${project.basedir}/src/test/mcppolicy")
  File testDirectory;

  /**
   * Where the Surefire-format XML reports go, one {@code TEST-*.xml} per test file or trace.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.reportsDirectory", defaultValue = "${project.build.directory}/mcppolicy-reports")
  File reportsDirectory;

  /**
   * Measure which points of each policy the tests and traces cover (docs/coverage.md), log the
   * summary, and write {@code lcov.info} and {@code cobertura.xml} to {@code coverageDirectory}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.coverage", defaultValue = "false")
  boolean coverage;

  /**
   * Fail the build when a policy's coverage is below this percentage ({@code 90}, {@code 87.5});
   * turns {@code coverage} on.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.coverageThreshold")
  String coverageThreshold;

  /**
   * Where {@code lcov.info} and {@code cobertura.xml} go.
   *
   * @since 0.1.0
   */
  @Parameter(property = "mcppolicy.coverageDirectory", defaultValue = "${project.build.directory}/mcppolicy-coverage")
  File coverageDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (nothingToDo(sourceDirectory, testDirectory)) {
      return;
    }
    BigDecimal threshold = null;
    if (coverageThreshold != null && !coverageThreshold.isBlank()) {
      try {
        threshold = CoverageReport.threshold(coverageThreshold);
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("mcppolicy: coverageThreshold: " + e.getMessage());
      }
    }
    boolean measured = coverage || threshold != null;
    TestReport report = TestRunner.project(sourceDirectory.toPath(), testDirectory.toPath(), outputDirectory.toPath(),
        new TestRunner.Options(compileOptions(), WindowMode.CALENDAR, Optional.empty(), true, measured));
    MavenLog.diagnostics(getLog(), report.diagnostics());
    report.warnings().forEach(getLog()::warn);
    for (SuiteResult suite : report.suites()) {
      for (String line : TestReport.text(suite).split("\n")) {
        if (suite.passed()) {
          getLog().info(line);
        } else {
          getLog().error(line);
        }
      }
    }
    getLog().info(report.summary());
    for (SuiteResult suite : report.suites()) {
      File file = new File(reportsDirectory, JunitXml.fileName(suite));
      try {
        AtomicFiles.write(file.toPath(), JunitXml.suite(suite));
      } catch (IOException e) {
        throw new MojoExecutionException("mcppolicy: cannot write " + file + ": " + IoErrors.describe(e), e);
      }
    }
    List<String> failures = new ArrayList<>(report.problems().stream().map(dev.mcppolicy.diag.Diagnostic::message).toList());
    for (SuiteResult suite : report.suites()) {
      for (CaseResult c : suite.cases()) {
        c.failure().or(c::error).ifPresent(failures::add);
      }
    }
    report.problems().forEach(p -> getLog().error("mcppolicy: " + p.message()));
    failOnDiagnostics(report.diagnostics(), failures, failures.size() == 1 ? "failure" : "failures");
    if (report.nothingToTest().isPresent()) {
      getLog().warn("mcppolicy: " + report.nothingToTest().get()); // green, as Surefire is without tests
      return;
    }
    if (measured) {
      coverage(report, threshold);
    }
    getLog().info("mcppolicy: " + report.summary() + "; reports in " + reportsDirectory);
  }

  /** Logs and writes the coverage; below the threshold, fails with a message of its own, never a test failure's. */
  private void coverage(TestReport report, BigDecimal threshold) throws MojoExecutionException, MojoFailureException {
    CoverageReport.text(report.coverage()).lines().forEach(getLog()::info);
    try {
      CoverageReport.write(coverageDirectory.toPath(), report.coverage(), "mcppolicy-maven-plugin");
    } catch (IOException e) {
      throw new MojoExecutionException("mcppolicy: cannot write coverage to " + coverageDirectory + ": " + IoErrors.describe(e), e);
    }
    getLog().info("mcppolicy: coverage reports in " + coverageDirectory);
    List<String> below = threshold == null ? List.of() : CoverageReport.belowThreshold(report.coverage(), threshold);
    if (!below.isEmpty()) {
      throw new MojoFailureException("mcppolicy: coverage below the threshold (coverageThreshold " + coverageThreshold + "):\n  "
          + String.join("\n  ", below));
    }
  }
}
