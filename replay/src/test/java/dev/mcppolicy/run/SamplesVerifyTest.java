package dev.mcppolicy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every sample verifies green, with tests and traces that really ran. */
class SamplesVerifyTest {
  @TestFactory
  Stream<DynamicTest> everySampleVerifies() throws Exception {
    Path samples = Path.of("../samples").toAbsolutePath().normalize();
    try (Stream<Path> dirs = Files.list(samples)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
          dir.getFileName().toString(), () -> {
            TestReport report = TestRunner.verify(dir, new TestRunner.Options(
                CompileOptions.defaults().withWorkingDirectory(samples), dev.mcppolicy.sim.WindowMode.CALENDAR,
                java.util.Optional.empty(), false, false));
            assertEquals(List.of(), report.problems());
            // the Odoo sample's workday has an agent calling a tool its server does not have
            assertEquals(dir.endsWith("odoo") ? List.of("odoo/traces/workday.trace.jsonl:61:1: warning[E211]: unknown tool "
                + "'run_shell': no catalog the policy imports lists it") : List.of(),
                report.diagnostics().stream().map(d -> new dev.mcppolicy.diag.TextRenderer(false).render(d).strip()).toList());
            assertEquals("", report.failedSuites() == 0 ? "" : report.text());
            assertEquals(TestReport.Outcome.PASSED, report.outcome());
            assertTrue(report.suites().size() >= 2, "a sample has test blocks and at least one trace");
            assertTrue(report.cases() >= 10, report.summary());
          }));
    }
  }
}
