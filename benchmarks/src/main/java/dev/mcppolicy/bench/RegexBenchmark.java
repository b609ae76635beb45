package dev.mcppolicy.bench;

import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.model.Condition;
import dev.mcppolicy.model.Op;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.Posture;
import dev.mcppolicy.model.RegexCheck;
import dev.mcppolicy.model.Rule;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worst a regex can cost a decision: the largest pattern the checker accepts (3,000 pieces
 * with its repetitions written out), which never matches, against a 1 MB argument of letters, so
 * that the matcher carries every piece along every character. {@code typical} is a policy's usual
 * kind of pattern on the same argument. A new call each time, so no answer is remembered.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class RegexBenchmark {
  @Param({"worst", "typical"})
  public String pattern;

  private Simulator simulator;
  private String argument;
  private long calls;

  static final String WORST = "[a-z]{1000}[a-z]{1000}[a-z]{999}!";
  static final String TYPICAL = "(?i)^\\s*(select|with)\\b";

  @Setup
  public void setup() {
    String source = pattern.equals("worst") ? WORST : TYPICAL;
    if (RegexCheck.check(source).isPresent()) {
      throw new IllegalStateException("the benchmark's pattern must be one the checker accepts: " + source);
    }
    Condition matches = new Condition("args.q", Op.REGEX, new JsonString(source));
    ToolPolicy tool = new ToolPolicy(List.of(), List.of(new Rule(List.of(matches), Optional.empty())), List.of());
    PolicyDocument policy = new PolicyDocument(Posture.DENY, List.of(), List.of(), Map.of("q", tool));
    simulator = Simulator.of(policy, WindowMode.CALENDAR);
    argument = "a".repeat(1 << 20);
  }

  @Benchmark
  public Decision decideOneMegabyte() {
    calls++;
    JsonObject args = new JsonObject(Map.of("q", new JsonString(argument + (calls % 10))));
    return simulator.decide(new Call("g", "q", Arguments.of(args), Instant.parse("2026-11-23T00:00:00Z").plusSeconds(calls),
        Outcome.OK));
  }
}
