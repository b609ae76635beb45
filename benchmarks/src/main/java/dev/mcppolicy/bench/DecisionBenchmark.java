package dev.mcppolicy.bench;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
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
 * One decision on a realistic policy (200 tools, conditions, two limits per tool, an all-tools
 * limit): the call passes every rule and reserves three counters. SampleTime gives the p50.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {
  private Simulator simulator;
  private Call[] calls;
  private int next;

  @Setup
  public void setup() throws Exception {
    Path dir = Files.createTempDirectory("bench");
    Path file = dir.resolve("policy.mcppolicy");
    Workload.writePolicy(file, 200);
    PolicyDocument policy = PolicyCompiler.compile(file, CompileOptions.defaults().withRoot(dir)).document().orElseThrow();
    simulator = Simulator.of(policy, WindowMode.CALENDAR);
    JsonObject args = (JsonObject) JsonReader.read("{\"model\": \"sale.order\", \"ids\": [12, 40], \"limit\": 80, "
        + "\"query\": \"SELECT id FROM sale_order WHERE active\", \"context\": {\"lang\": \"en_US\"}}").root();
    calls = new Call[1 << 16];
    Instant start = Instant.parse("2026-11-23T00:00:00Z");
    for (int i = 0; i < calls.length; i++) {
      // spread over grants and hours so that no limit is reached: every call goes all the way through
      calls[i] = new Call("grant-" + (i % 50), Workload.tool(i % 200), Arguments.of(args),
          start.plusSeconds(i * 61L), Outcome.OK);
    }
  }

  @Benchmark
  public Decision decide() {
    Call call = calls[next++ & (calls.length - 1)];
    return simulator.decide(call);
  }
}
