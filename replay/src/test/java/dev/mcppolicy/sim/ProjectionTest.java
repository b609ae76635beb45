package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reading only the argument keys a policy's conditions name never changes a decision: every
 * semantic case and every sample trace decides the same with and without the projection.
 */
class ProjectionTest {
  private static List<String> decisions(Path trace, PolicyDocument policy, boolean project) throws Exception {
    List<String> out = new ArrayList<>();
    Simulator simulator = Simulator.of(policy, WindowMode.CALENDAR);
    Replayer.replay(() -> project ? TraceReader.open(trace, "t", simulator.argumentKeys()) : TraceReader.open(trace, "t"),
        simulator, Replayer.Options.DEFAULT, (r, d, m) -> out.add(r.line() + " " + d.verdict() + " " + d.rule() + " " + d.message()));
    return out;
  }

  @TestFactory
  Stream<DynamicTest> projectionKeepsEveryDecision() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(SemanticsTest.CASES)) {
      for (Path trace : files.filter(p -> p.toString().endsWith(".trace.jsonl")).sorted().toList()) {
        String name = trace.getFileName().toString().replace(".trace.jsonl", "");
        tests.add(DynamicTest.dynamicTest(name, () -> {
          PolicyDocument policy = SemanticsTest.load(SemanticsTest.CASES.resolve(name + ".policy.json"));
          List<String> full = decisions(trace, policy, false);
          assertTrue(!full.isEmpty());
          assertEquals(full, decisions(trace, policy, true));
        }));
      }
    }
    for (String sample : List.of("odoo", "github", "stripe")) {
      tests.add(DynamicTest.dynamicTest("samples/" + sample, () -> {
        Path dir = Path.of("../samples", sample);
        PolicyDocument policy = PolicyCompiler.compile(dir.resolve("policy.mcppolicy"),
            CompileOptions.defaults().withRoot(dir)).document().orElseThrow();
        try (Stream<Path> traces = Files.list(dir.resolve("traces"))) {
          for (Path trace : traces.sorted().toList()) {
            assertEquals(decisions(trace, policy, false), decisions(trace, policy, true));
          }
        }
      }));
    }
    return tests.stream();
  }

  /**
   * The keys are the first step of every condition's path, and one set for the simulator's life:
   * the fast reader prepares its scanner once per set it is given, by identity.
   */
  @Test
  void argumentKeysAreOneUnmodifiableSetOfFirstSteps() throws Exception {
    assertEquals(Set.of("values"), keys("nested-paths")); // args.values.state
    assertEquals(Set.of("l", "o", "s"), keys("contains-string-and-list"));
  }

  private static Set<String> keys(String semanticCase) throws Exception {
    Simulator s = Simulator.of(SemanticsTest.load(SemanticsTest.CASES.resolve(semanticCase + ".policy.json")),
        WindowMode.CALENDAR);
    assertSame(s.argumentKeys(), s.argumentKeys());
    assertThrows(UnsupportedOperationException.class, () -> s.argumentKeys().add("x"));
    return s.argumentKeys();
  }
}
