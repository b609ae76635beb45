package dev.mcppolicy.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.PolicyJson;
import dev.mcppolicy.trace.Replayer;
import dev.mcppolicy.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The decision model, one case per rule of docs/decision-model.md:
 * {@code semantics/NAME.policy.json} and {@code NAME.trace.jsonl}, every record with an
 * expectation chosen so that it fails when that rule is implemented otherwise.
 */
class SemanticsTest {
  static final Path CASES = Path.of("src/test/resources/semantics");

  static PolicyDocument load(Path policy) throws IOException {
    PolicyJson.LoadResult loaded = PolicyJson.read(Files.readString(policy));
    assertEquals(List.of(), loaded.problems(), policy.toString());
    return loaded.document().orElseThrow();
  }

  @TestFactory
  Stream<DynamicTest> everyRuleOfTheDecisionModel() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      List<Path> traces = files.filter(p -> p.toString().endsWith(".trace.jsonl")).sorted().toList();
      assertTrue(traces.size() >= 25, "the table has a case per rule");
      return traces.stream().map(trace -> DynamicTest.dynamicTest(trace.getFileName().toString(), () -> {
        String name = trace.getFileName().toString().replace(".trace.jsonl", "");
        Simulator simulator = Simulator.of(load(CASES.resolve(name + ".policy.json")), WindowMode.CALENDAR);
        List<String> failures = new ArrayList<>();
        long records = Files.readAllLines(trace).stream().filter(l -> l.startsWith("{")).count();
        Replayer.Summary s = Replayer.replay(() -> TraceReader.open(trace, name), simulator, Replayer.Options.DEFAULT,
            (r, d, mismatches) -> mismatches.forEach(m -> failures.add("line " + r.line() + ": " + m)));
        assertEquals(List.of(), s.problems());
        assertEquals(List.of(), failures);
        assertEquals(records, s.expectations(), "every record of a semantic case states what it expects");
        assertTrue(s.passed());
      }));
    }
  }
}
