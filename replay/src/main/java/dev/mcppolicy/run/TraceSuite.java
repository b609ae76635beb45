package dev.mcppolicy.run;

import dev.mcppolicy.coverage.PolicyCoverage;
import dev.mcppolicy.coverage.Recorder;

import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.report.CallReport;
import dev.mcppolicy.report.CaseResult;
import dev.mcppolicy.report.SuiteResult;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A trace replayed as a test suite: one case per expectation, from fresh counters. */
final class TraceSuite {
  private TraceSuite() {}

  /** The suite, the replay's summary, and a warning for each tool no catalog of the policy lists. */
  record Result(SuiteResult suite, Replayer.Summary summary, List<Diagnostic> unknownTools) {}

  static Result run(Path trace, String name, LoadedPolicy policy, WindowMode windows, Optional<PolicyCoverage> coverage)
      throws IOException {
    List<CaseResult> cases = new ArrayList<>();
    String className = name.replaceAll("\\.trace\\.jsonl$", "").replace('/', '.');
    Simulator simulator = Simulator.of(policy.document().orElseThrow(), windows);
    Recorder recorder = coverage.map(PolicyCoverage::recorder).orElse(null);
    UnknownTools tools = policy.unknownTools(new Replayer.Listener() {
          @Override
          public void restart() {
            cases.clear();
            if (recorder != null) {
              recorder.clear();
            }
          }

          @Override
          public void decided(dev.mcppolicy.trace.TraceRecord r, dev.mcppolicy.sim.Decision d, List<String> mismatches) {
            if (recorder != null) {
              recorder.observe(r.call(), d);
            }
            if (r.expect().isEmpty()) {
              return;
            }
            cases.add(CallReport.testCase(name, r, d, mismatches, policy.sourceMap()));
          }
        });
    Replayer.Summary s = Replayer.replay(() -> ParallelTraceReader.open(trace, name, Replayer.preparing(simulator)), simulator,
        Replayer.Options.DEFAULT, tools);
    if (recorder != null) {
      coverage.get().add(recorder);
    }
    for (var p : s.problems()) {
      cases.add(new CaseResult("line " + p.line(), className, Optional.empty(), Optional.of(p.toString()), p.toString(), 0));
    }
    List<String> warnings = s.warnings().stream().map(w -> name + ": warning: " + w).toList();
    return new Result(new SuiteResult(name, name, cases, warnings), s, tools.warnings(name));
  }
}
