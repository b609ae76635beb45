package dev.mcppolicy.run;

import dev.mcppolicy.coverage.PolicyCoverage;
import dev.mcppolicy.coverage.Recorder;

import dev.mcppolicy.diag.SourceFile;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.report.CallReport;
import dev.mcppolicy.report.CaseResult;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.sim.WindowMode;
import dev.mcppolicy.time.Instants;
import dev.mcppolicy.syntax.Item;
import dev.mcppolicy.syntax.Step;
import dev.mcppolicy.trace.Expectation;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.ParallelTraceReader;
import dev.mcppolicy.trace.TraceReader;
import dev.mcppolicy.trace.TraceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code test} blocks (language.md section 9). Each test starts with fresh counters, the
 * grant {@code "default"} and the clock at 2026-01-01T00:00:00Z. A failing step is reported with
 * its file, line and column, expected and actual decision, rule, message and counters; the test
 * goes on so that one run shows every failing step.
 */
final class TestBlocks {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private TestBlocks() {}

  /**
   * The outcome of one test: its case, whether a replayed file could not be read, and a warning for
   * each tool of a replayed trace that no catalog of the policy lists.
   */
  record Outcome2(CaseResult result, boolean inputProblem, List<dev.mcppolicy.diag.Diagnostic> unknownTools) {}

  /** Runs {@code test}; a {@code replay} file must stay inside {@code root}, as imports do. */
  static Outcome2 run(Item.Test test, SourceFile file, Path folder, String className, LoadedPolicy policy,
      WindowMode windows, java.util.function.Function<Path, String> names, dev.mcppolicy.compiler.ProjectRoot root,
      Optional<PolicyCoverage> coverage) {
    long started = System.nanoTime();
    Simulator simulator = Simulator.of(policy.document().orElseThrow(), windows);
    Recorder recorder = coverage.map(PolicyCoverage::recorder).orElse(null);
    try {
      return run(test, file, folder, className, policy, names, root, simulator, recorder, started);
    } finally {
      if (recorder != null) {
        coverage.get().add(recorder); // what the test's calls covered, whether it passed or not
      }
    }
  }

  private static Outcome2 run(Item.Test test, SourceFile file, Path folder, String className, LoadedPolicy policy,
      java.util.function.Function<Path, String> names, dev.mcppolicy.compiler.ProjectRoot root, Simulator simulator,
      Recorder recorder, long started) {
    List<dev.mcppolicy.diag.Diagnostic> unknownTools = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String grant = "default";
    Instant clock = START;
    for (Step step : test.steps()) {
      String where = file.name() + ":" + step.span().line() + ":" + step.span().column();
      if (step instanceof Step.Grant g) {
        grant = g.grant().value();
      } else if (step instanceof Step.At a) {
        clock = a.instant();
      } else if (step instanceof Step.After a) {
        clock = clock.plus(a.duration());
        if (!Instants.decidable(clock)) {
          errors.add(where + ": 'after " + a.text() + "' moves the clock to " + clock + ", past "
              + Instants.DECIDABLE + ", the instants a test decides at");
          break;
        }
      } else if (step instanceof Step.Call c) {
        JsonObject args = c.arguments().map(l -> (JsonObject) l.value()).orElse(new JsonObject(Map.of()));
        Outcome outcome = c.outcome().orElse(Outcome.OK);
        Call call = new Call(grant, c.tool().value(), Arguments.of(args), clock, outcome);
        Expectation expect = new Expectation(Optional.of(c.expect() == Step.Decision.ALLOW ? Verdict.ALLOW : Verdict.DENY),
            c.rule().map(r -> r.value()), c.message().map(m -> m.value()));
        long times = c.times();
        for (long i = 1; i <= times; i++) {
          Decision d = simulator.decide(call);
          if (recorder != null) {
            recorder.observe(call, d);
          }
          List<String> mismatches = expect.mismatches(d);
          if (!mismatches.isEmpty()) {
            String which = times > 1 ? " (call " + i + " of " + times + ")" : "";
            TraceRecord r = new TraceRecord(step.span().line(), call, Optional.of(expect), Optional.empty(), Optional.empty());
            failures.add(CallReport.failure(where + which, r, d, mismatches, policy.sourceMap()));
            break;
          }
        }
      } else if (step instanceof Step.Replay replay) {
        Path trace = folder.resolve(replay.file().value()).normalize();
        String name = names.apply(trace);
        Optional<String> escape = root.escape(trace);
        if (escape.isPresent()) {
          // never read: its lines would be echoed in the report, into a CI log
          errors.add(where + ": cannot replay \"" + replay.file().value() + "\": " + escape.get());
          continue;
        }
        if (!Files.isRegularFile(trace)) {
          errors.add(where + ": cannot read " + name + ": " + (Files.isDirectory(trace) ? "it is a directory" : "no such file"));
          continue;
        }
        try {
          UnknownTools tools = policy.unknownTools((r, d, mismatches) -> {
            if (recorder != null) {
              recorder.observe(r.call(), d);
            }
            if (!mismatches.isEmpty()) {
              failures.add(CallReport.failure(name + ":" + r.line() + " (replayed at " + where + ")", r, d, mismatches, policy.sourceMap()));
            }
          });
          Replayer.Summary s = Replayer.replay(() -> ParallelTraceReader.open(trace, name), simulator,
              new Replayer.Options(false, true), tools);
          s.problems().forEach(p -> errors.add(p + " (replayed at " + where + ")"));
          unknownTools.addAll(tools.warnings(name));
        } catch (IOException e) {
          errors.add(where + ": cannot read " + name + ": " + dev.mcppolicy.io.IoErrors.describe(e));
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String name = test.name().value();
    if (!errors.isEmpty()) {
      return new Outcome2(new CaseResult(name, className, Optional.empty(), Optional.of(errors.get(0)),
          String.join("\n", errors) + (failures.isEmpty() ? "" : "\n" + String.join("", failures)), seconds), true,
          unknownTools);
    }
    if (!failures.isEmpty()) {
      String first = failures.get(0).lines().findFirst().orElse("");
      return new Outcome2(new CaseResult(name, className, Optional.of(first), Optional.empty(), String.join("", failures),
          seconds), false, unknownTools);
    }
    return new Outcome2(CaseResult.passed(name, className, seconds), false, unknownTools);
  }
}
