package dev.mcppolicy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.sim.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which trace and test file tests which policy (docs/traces.md), in the Maven layout. */
class TestRunnerLayoutTest {
  @TempDir
  Path dir;

  Path write(String path, String text) throws Exception {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  static String allowOnly(String tool) {
    return "{\"ts\": \"2026-11-21T10:00:00Z\", \"grant\": \"g\", \"tool\": \"" + tool + "\", \"expect\": \"allow\"}\n";
  }

  TestRunner.Options options(boolean write) {
    return new TestRunner.Options(CompileOptions.defaults().withWorkingDirectory(dir).withRoot(dir),
        WindowMode.CALENDAR, Optional.empty(), write, false);
  }

  @BeforeEach
  void project() throws Exception {
    write("pom.xml", "<project/>");
    write("src/main/mcppolicy/odoo.mcppolicy", "default deny\nallow odoo_search\n");
    write("src/main/mcppolicy/teams/billing.mcppolicy", "default deny\nallow create_invoice\n");
    write("src/main/mcppolicy/shared/common.mcppolicy", "allow ping\n");
  }

  private List<String> suites(TestReport report) {
    return report.suites().stream().map(s -> s.name() + (s.passed() ? " ok" : " FAILED")).toList();
  }

  @Test
  void aTestWhoseClockLeavesTheDecidableYearsStopsWithAnError() throws Exception {
    Path file = write("src/main/mcppolicy/clock.mcppolicy", """
        default allow
        test "drift" {
          at "2199-12-31T00:00:00Z"
          call ping expect allow
          after 2d
          call ping expect allow
        }
        """);
    TestReport report = TestRunner.test(List.of(file), options(false));
    var result = report.suites().get(0).cases().get(0);
    assertEquals(Optional.of("src/main/mcppolicy/clock.mcppolicy:5:3: 'after 2d' moves the clock to "
        + "2200-01-02T00:00:00Z, past the years 1700 to 2199, the instants a test decides at"), result.error());
  }

  @Test
  void tracesAndTestFilesFindTheirPolicies() throws Exception {
    write("src/test/mcppolicy/odoo.trace.jsonl", allowOnly("odoo_search"));
    write("src/test/mcppolicy/odoo/more/deep.trace.jsonl", allowOnly("odoo_search"));
    write("src/test/mcppolicy/teams/billing.trace.jsonl", allowOnly("create_invoice"));
    write("src/test/mcppolicy/teams/billing/monday.trace.jsonl", allowOnly("create_invoice"));
    write("src/test/mcppolicy/override.trace.jsonl",
        "{\"trace\": {\"policy\": \"teams/billing.mcppolicy\"}}\n" + allowOnly("create_invoice"));
    write("src/test/mcppolicy/odoo-tests.mcppolicy",
        "import \"odoo\"\ntest \"search is allowed\" { call odoo_search expect allow\n call odoo_unlink expect deny rule \"(default deny)\" }\n");
    TestReport report = TestRunner.verify(dir, options(true));
    assertEquals(List.of(), report.problems());
    assertEquals(List.of(), report.diagnostics());
    assertEquals(List.of(
        "src/test/mcppolicy/odoo-tests.mcppolicy ok",
        "src/test/mcppolicy/odoo.trace.jsonl ok",
        "src/test/mcppolicy/odoo/more/deep.trace.jsonl ok",
        "src/test/mcppolicy/override.trace.jsonl ok",
        "src/test/mcppolicy/teams/billing.trace.jsonl ok",
        "src/test/mcppolicy/teams/billing/monday.trace.jsonl ok"), suites(report));
    assertEquals(TestReport.Outcome.PASSED, report.outcome());
    assertEquals(List.of(dir.resolve("target/mcppolicy/odoo.json"), dir.resolve("target/mcppolicy/teams/billing.json")),
        report.written());
    assertTrue(Files.readString(dir.resolve("target/mcppolicy/teams/billing.json")).contains("\"create_invoice\": {}"));
    assertTrue(!Files.exists(dir.resolve("target/mcppolicy/shared/common.json")), "a module without default is not compiled");
  }

  @Test
  void aTraceThatMatchesNoPolicyIsAnError() throws Exception {
    write("src/test/mcppolicy/stripe.trace.jsonl", allowOnly("x"));
    TestReport report = TestRunner.verify(dir, options(false));
    assertEquals(TestReport.Outcome.UNUSABLE, report.outcome());
    assertEquals(List.of("src/test/mcppolicy/stripe.trace.jsonl: no policy to replay this trace against: name it in a "
        + "header line {\"trace\": {\"policy\": \"FILE\"}}, or keep one policy in its folder"),
        report.problems().stream().map(dev.mcppolicy.diag.Diagnostic::message).toList());
    assertEquals(List.of(dev.mcppolicy.diag.Code.E601), report.problems().stream().map(dev.mcppolicy.diag.Diagnostic::code).toList());
  }

  @Test
  void runFiltersTestsAndTraces() throws Exception {
    write("src/test/mcppolicy/odoo.trace.jsonl", allowOnly("odoo_search"));
    write("src/test/mcppolicy/odoo-tests.mcppolicy",
        "import \"odoo\"\ntest \"alpha\" { call odoo_search expect allow }\ntest \"beta\" { call odoo_search expect deny }\n");
    TestRunner.Options only = new TestRunner.Options(options(false).compile(), WindowMode.CALENDAR,
        Optional.of(com.google.re2j.Pattern.compile("alpha")), false, false);
    TestReport report = TestRunner.test(List.of(dir), only);
    assertEquals(List.of("src/test/mcppolicy/odoo-tests.mcppolicy ok"), suites(report));
    SuiteResult suite = report.suites().get(0);
    assertEquals(List.of("alpha"), suite.cases().stream().map(c -> c.name()).toList());
  }

  @Test
  void aPolicyWithErrorsFailsWithItsDiagnosticsAndRunsNothing() throws Exception {
    write("src/main/mcppolicy/odoo.mcppolicy", "default deny\ntool odoo_search limit 5/minutes\n");
    write("src/test/mcppolicy/odoo.trace.jsonl", allowOnly("odoo_search"));
    TestReport report = TestRunner.verify(dir, options(true));
    assertEquals(TestReport.Outcome.FAILED, report.outcome());
    assertTrue(report.diagnostics().stream().anyMatch(d -> d.code().name().equals("E302")));
    assertTrue(report.suites().isEmpty());
    assertTrue(!Files.exists(dir.resolve("target/mcppolicy/odoo.json")));
  }
}
