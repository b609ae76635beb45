package dev.mcppolicy.bench;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.coverage.PolicyCoverage;
import dev.mcppolicy.coverage.Recorder;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of coverage on a decision: {@link DecisionBenchmark}'s calls decided alone, and
 * decided then observed by a coverage recorder (docs/coverage.md promises at most 1.2x). The
 * calls vary their arguments, so conditions answer both ways and some points stay uncovered: the
 * recorder keeps working as it would on a real trace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoverageBenchmark {
  private Simulator simulator;
  private Recorder recorder;
  private Call[] calls;
  private int next;

  @Setup
  public void setup() throws Exception {
    Path dir = Files.createTempDirectory("bench");
    Path file = dir.resolve("policy.mcppolicy");
    Workload.writePolicy(file, 200);
    CompileResult compiled = PolicyCompiler.compile(file, CompileOptions.defaults().withRoot(dir));
    simulator = Simulator.of(compiled.document().orElseThrow(), WindowMode.CALENDAR);
    recorder = PolicyCoverage.of("policy.mcppolicy", compiled.document().get(), compiled.sourceMap()).recorder();
    JsonObject[] args = {
        (JsonObject) JsonReader.read("{\"model\": \"sale.order\", \"ids\": [12, 40], \"limit\": 80, "
            + "\"query\": \"SELECT id FROM sale_order WHERE active\", \"context\": {\"lang\": \"en_US\"}}").root(),
        (JsonObject) JsonReader.read("{\"model\": \"res.users\", \"limit\": 900}").root()};
    calls = new Call[1 << 16];
    Instant start = Instant.parse("2026-11-23T00:00:00Z");
    for (int i = 0; i < calls.length; i++) {
      calls[i] = new Call("grant-" + (i % 50), Workload.tool(i % 200), Arguments.of(args[(i / 200) % 2]),
          start.plusSeconds(i * 61L), Outcome.OK);
    }
  }

  @Benchmark
  public Decision decide() {
    return simulator.decide(calls[next++ & (calls.length - 1)]);
  }

  @Benchmark
  public Decision decideAndObserve() {
    Call call = calls[next++ & (calls.length - 1)];
    Decision d = simulator.decide(call);
    recorder.observe(call, d);
    return d;
  }
}
