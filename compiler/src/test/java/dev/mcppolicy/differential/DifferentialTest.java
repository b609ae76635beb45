package dev.mcppolicy.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Decision;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Translation validation: for generated policies and call sequences, the simulator deciding from
 * the compiled policy.json agrees with {@link SourceEvaluator} deciding from the source, on every
 * call. The number of generated pairs is jqwik's {@code jqwik.tries.default} (see
 * junit-platform.properties; docs/reliability.md gives the long run).
 */
class DifferentialTest {
  static final AtomicLong PAIRS = new AtomicLong();
  static final AtomicLong CALLS = new AtomicLong();
  static final java.util.Map<String, AtomicLong> KINDS = new java.util.concurrent.ConcurrentSkipListMap<>();
  private static final String[] ARGUMENTS = {"{}", "{\"a\": 1}", "{\"a\": 5.0, \"b\": \"x\"}", "{\"a\": \"5\"}",
      "{\"n\": 2.5}", "{\"n\": -3, \"b\": \"abc\"}", "{\"b\": \"y\", \"o\": {\"x\": 1}}", "{\"o\": {\"x\": \"x\"}}",
      "{\"a\": null}", "{\"a\": [1, \"x\"], \"b\": [5]}", "{\"b\": \"x7y\"}", "{\"a\": {\"x\": 1}}", "{\"o\": 3}",
      "{\"n\": 10, \"a\": true}", "{\"a\": \"x\", \"n\": 0}"};
  private static final long[] STEPS = {0, 1, 30, 59, 60, 3600, 86_400};

  @Property
  void theSimulatorOnCompiledJsonAgreesWithTheSourceEvaluator(@ForAll long seed) throws Exception {
    String[] sources = new PolicyGenerator(seed).generate();
    Path dir = Files.createTempDirectory("mcppolicy-differential");
    try {
      Path policy = Files.writeString(dir.resolve("policy.mcppolicy"), sources[0]);
      Files.writeString(dir.resolve("module.mcppolicy"), sources[1]);
      CompileResult compiled = PolicyCompiler.compile(policy, CompileOptions.defaults().withRoot(dir).withWorkingDirectory(dir));
      Assume.that(compiled.document().isPresent());
      String json = PolicyJson.canonical(compiled.document().get());
      Simulator simulator = Simulator.of(PolicyJson.read(json).document().orElseThrow(), WindowMode.CALENDAR);
      SourceEvaluator evaluator = new SourceEvaluator(compiled.program().orElseThrow());
      Random random = new Random(seed ^ 0x5DEECE66DL);
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      // half the calls go to one tool, so that its limits fill up within their windows
      String focus = PolicyGenerator.TOOLS[random.nextInt(PolicyGenerator.TOOLS.length)];
      for (int i = 0; i < 40; i++) {
        at = at.plusSeconds(STEPS[random.nextInt(STEPS.length)]);
        String tool = random.nextBoolean() ? focus : PolicyGenerator.TOOLS[random.nextInt(PolicyGenerator.TOOLS.length)];
        String grant = random.nextBoolean() ? "g1" : "g2";
        JsonObject args = (JsonObject) JsonReader.read(ARGUMENTS[random.nextInt(ARGUMENTS.length)]).root();
        Outcome outcome = Outcome.values()[random.nextInt(3)];
        Decision d = simulator.decide(new Call(grant, tool, Arguments.of(args), at, outcome));
        SourceEvaluator.Outcome2 expected = evaluator.decide(grant, tool, args, at, outcome);
        String context = "call " + (i + 1) + ": " + tool + " " + args + " at " + at + " (" + grant + ", " + outcome + ")\n"
            + "--- policy.mcppolicy ---\n" + sources[0] + "--- module.mcppolicy ---\n" + sources[1] + "--- policy.json ---\n" + json;
        assertEquals(expected.toString(), key(d), context);
        CALLS.incrementAndGet();
        KINDS.computeIfAbsent(expected.kind(), k -> new AtomicLong()).incrementAndGet();
      }
      PAIRS.incrementAndGet();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The simulator's decision in the evaluator's terms. */
  static String key(Decision d) {
    if (d.allowed()) {
      return "allow";
    }
    if (d.rule().equals("(hidden)")) {
      return "hidden";
    }
    if (d.rule().equals("(default deny)")) {
      return "default deny";
    }
    if (d.rule().contains("/limits/")) {
      return "limit " + d.rule().substring(d.rule().lastIndexOf('/') + 1);
    }
    return "rule " + (d.message().startsWith("Denied by rule \"") ? "(unnamed)" : d.message());
  }

  @AfterContainer
  static void report() {
    System.out.println("differential: " + PAIRS.get() + " generated policy/trace pairs, " + CALLS.get()
        + " calls, no disagreement; decisions by kind: " + KINDS);
  }
}
