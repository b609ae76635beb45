package dev.mcppolicy.maven;

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

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (nothingToDo(sourceDirectory, testDirectory)) {
      return;
    }
    TestReport report = TestRunner.project(sourceDirectory.toPath(), testDirectory.toPath(), outputDirectory.toPath(),
        new TestRunner.Options(compileOptions(), WindowMode.CALENDAR, Optional.empty(), true));
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
    getLog().info("mcppolicy: " + report.summary() + "; reports in " + reportsDirectory);
  }
}
