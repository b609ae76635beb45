package dev.mcppolicy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One read of a trace decides it for several policies, each exactly as its own replay would. */
class MultiLaneReplayTest {
  static final Path SAMPLES = Path.of("../samples").toAbsolutePath().normalize();

  private static PolicyDocument compile(Path policy) {
    return PolicyCompiler.compile(policy, CompileOptions.defaults().withWorkingDirectory(SAMPLES)).document().orElseThrow();
  }

  private static String describe(TraceRecord r, Decision d) {
    return r.line() + " " + d.verdict().word() + " " + d.rule() + " " + d.message();
  }

  private static List<Path> traces(String sample) throws Exception {
    try (Stream<Path> files = Files.walk(SAMPLES.resolve(sample))) {
      return files.filter(p -> p.toString().endsWith(".trace.jsonl")).sorted().toList();
    }
  }

  /** Each record's decision, replaying {@code trace} alone against {@code policy}. */
  private static List<String> alone(PolicyDocument policy, Path trace) throws Exception {
    Simulator simulator = Simulator.of(policy, WindowMode.CALENDAR);
    List<String> out = new ArrayList<>();
    Replayer.replay(() -> ParallelTraceReader.open(trace, trace.toString(), Replayer.preparing(simulator)), simulator,
        Replayer.Options.DEFAULT, (r, d, m) -> out.add(describe(r, d)));
    return out;
  }

  @Test
  void twoSimulatorsOverOneReadDecideAsTwoReplaysDo() throws Exception {
    PolicyDocument odoo = compile(SAMPLES.resolve("odoo/policy.mcppolicy"));
    PolicyDocument github = compile(SAMPLES.resolve("github/policy.mcppolicy"));
    for (Path trace : traces("odoo")) {
      for (boolean staged : new boolean[] {false, true}) {
        Simulator first = Simulator.of(odoo, WindowMode.CALENDAR);
        Simulator second = Simulator.of(github, WindowMode.CALENDAR);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<Replayer.Lane> lanes = List.of(new Replayer.Lane(first, (r, d, m) -> a.add(describe(r, d))),
            new Replayer.Lane(second, (r, d, m) -> b.add(describe(r, d))));
        // without a stage every argument key is kept; the lanes' stage keeps those any policy reads,
        // and prepares each record's decision for both on the decoding threads
        Stage stage = staged ? Replayer.preparing(lanes) : null;
        List<Replayer.Summary> summaries = Replayer.replay(() -> staged
            ? ParallelTraceReader.open(trace, trace.toString(), stage)
            : ParallelTraceReader.open(trace, trace.toString()), lanes, Replayer.Options.DEFAULT);
        assertEquals(alone(odoo, trace), a, "staged " + staged);
        assertEquals(alone(github, trace), b, "staged " + staged);
        assertTrue(summaries.get(0).calls() > 50 && summaries.get(0).calls() == summaries.get(1).calls());
        assertTrue(!a.equals(b), "two different policies decide the workday differently");
      }
    }
  }

  /** The lanes' stage prepares a decision for each lane, each by its own simulator, and keeps the keys any reads. */
  @Test
  void theLanesStagePreparesForEveryLane() throws Exception {
    Simulator first = Simulator.of(compile(SAMPLES.resolve("odoo/policy.mcppolicy")), WindowMode.CALENDAR);
    Simulator second = Simulator.of(compile(SAMPLES.resolve("github/policy.mcppolicy")), WindowMode.CALENDAR);
    Stage stage = Replayer.preparing(List.of(new Replayer.Lane(first, (r, d, m) -> {}),
        new Replayer.Lane(second, (r, d, m) -> {})));
    java.util.Set<String> keys = new java.util.TreeSet<>(first.argumentKeys());
    keys.addAll(second.argumentKeys());
    assertEquals(keys, new java.util.TreeSet<>(stage.argumentKeys()));
    try (RecordSource source = TraceReader.open(traces("odoo").get(0), "t")) {
      TraceRecord r = source.next().record();
      Simulator.Prepared[] each = (Simulator.Prepared[]) stage.apply(r.call());
      assertEquals(2, each.length);
      assertTrue(each[0].preparedBy(first) && each[1].preparedBy(second));
    }
  }

  @Test
  void aPolicyJsonReadBackFromTheCanonicalWriterDecidesAsItsSource() throws Exception {
    for (String sample : List.of("odoo", "github", "stripe")) {
      PolicyDocument compiled = compile(SAMPLES.resolve(sample + "/policy.mcppolicy"));
      PolicyDocument readBack = PolicyJson.read(PolicyJson.canonical(compiled)).document().orElseThrow();
      for (Path trace : traces(sample)) {
        List<String> fromSource = new ArrayList<>();
        List<String> fromJson = new ArrayList<>();
        Replayer.replay(() -> ParallelTraceReader.open(trace, trace.toString()),
            List.of(new Replayer.Lane(Simulator.of(compiled, WindowMode.CALENDAR), (r, d, m) -> fromSource.add(describe(r, d))),
                new Replayer.Lane(Simulator.of(readBack, WindowMode.CALENDAR), (r, d, m) -> fromJson.add(describe(r, d)))),
            Replayer.Options.DEFAULT);
        assertEquals(fromSource, fromJson, trace.toString());
        assertTrue(fromSource.size() >= 10, trace + ": " + fromSource.size());
      }
    }
  }
}
