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

/**
 * Every sample verifies green, with tests and traces that really ran, and its coverage is what the
 * comment at the top of its policy says: every rule, condition and limit the file writes is
 * exercised; what is left are tools a preset or a selector answers for one by one.
 */
class SamplesVerifyTest {
  private static void coverageIsWhatTheCommentSays(Path dir, TestReport report) throws Exception {
    Path policy = dir.resolve("policy.mcppolicy");
    List<String> lines = Files.readAllLines(policy);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("# Coverage (mcppolicy verify samples/")), "the comment is there");
    var coverage = report.coverage().stream().filter(c -> c.policy().endsWith(dir.getFileName() + "/policy.mcppolicy"))
        .findFirst().orElseThrow();
    for (var point : coverage.uncovered()) {
      String line = lines.get(point.line() - 1);
      boolean byClassOrName = switch (point.kind()) {
        case ALLOWED, HIDDEN_CALLED -> true;
        case LIMIT_REACHED -> line.startsWith("import \"std/presets/"); // a class budget of the preset, per tool
        case DEFAULT_DENIED -> dir.endsWith("github"); // the preset answers for every tool the catalog lists
        default -> false;
      };
      assertTrue(byClassOrName, "uncovered: " + point);
    }
  }

  @TestFactory
  Stream<DynamicTest> everySampleVerifies() throws Exception {
    Path samples = Path.of("../samples").toAbsolutePath().normalize();
    try (Stream<Path> dirs = Files.list(samples)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
          dir.getFileName().toString(), () -> {
            TestReport report = TestRunner.verify(dir, new TestRunner.Options(
                CompileOptions.defaults().withWorkingDirectory(samples), dev.mcppolicy.sim.WindowMode.CALENDAR,
                java.util.Optional.empty(), false, true));
            assertEquals(List.of(), report.problems());
            // the Odoo sample's workday has an agent calling a tool its server does not have, and its proposal
            // raises a budget that another makes unreachable, which the lint shows (meant: its comment says so)
            assertEquals(dir.endsWith("odoo") ? List.of("E704 odoo/proposed.mcppolicy:36:3", "E211 odoo/traces/workday.trace.jsonl:61:1")
                : List.of(), report.diagnostics().stream().map(d -> d.code() + " " + d.location().map(l -> l.file().name() + ":"
                + l.span().line() + ":" + l.span().column()).orElse("")).toList());
            assertEquals("", report.failedSuites() == 0 ? "" : report.text());
            assertEquals(TestReport.Outcome.PASSED, report.outcome());
            assertTrue(report.suites().size() >= 2, "a sample has test blocks and at least one trace");
            assertTrue(report.cases() >= 10, report.summary());
            coverageIsWhatTheCommentSays(dir, report);
          }));
    }
  }
}
