package dev.mcppolicy.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.compiler.CompileOptions;
import dev.mcppolicy.compiler.CompileResult;
import dev.mcppolicy.compiler.PolicyCompiler;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.run.TestReport;
import dev.mcppolicy.run.TestRunner;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Coverage as a set of points: what a call adds is never taken away by a later one, and a run
 * covers exactly the union of what its test blocks cover alone. Policies and calls are generated
 * over a four-tool catalog with every kind of statement.
 */
class CoveragePropertiesTest {
  private static final String[] TOOLS = {"a", "b", "c", "d", "e"}; // e: no catalog lists it
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  static String policy(Random random) {
    StringBuilder out = new StringBuilder(random.nextBoolean() ? "default deny\n" : "default allow\n");
    out.append("catalog c { a write; b read; c execute; d destructive }\n");
    for (String tool : List.of("a", "b", "c", "d")) {
      switch (random.nextInt(7)) {
        case 0 -> out.append("allow ").append(tool).append('\n');
        case 1 -> out.append("hide ").append(tool).append('\n');
        case 2 -> out.append("deny ").append(tool).append(" message \"no\"\n");
        case 3 -> out.append("tool ").append(tool).append(" {\n  require args.x exists\n  deny if args.n > ")
            .append(random.nextInt(10)).append(" and args.s == \"v\"\n  limit ").append(1 + random.nextInt(3))
            .append("/minute per grant\n}\n");
        case 4 -> out.append("tool ").append(tool).append(" limit ").append(1 + random.nextInt(3)).append("/hour per grant\n");
        case 5 -> out.append("tool ").append(tool).append(" {\n  deny if args.s == \"w\" or args.n < 2\n}\n");
        default -> { }
      }
    }
    if (random.nextBoolean()) {
      out.append("all tools limit ").append(2 + random.nextInt(5)).append("/minute per grant\n");
    }
    return out.toString();
  }

  static List<Call> calls(Random random, int n) {
    List<Call> out = new ArrayList<>();
    Instant at = START;
    for (int i = 0; i < n; i++) {
      at = at.plusSeconds(random.nextInt(40));
      Map<String, JsonValue> args = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        args.put("x", JsonNumber.of(1));
      }
      if (random.nextBoolean()) {
        args.put("n", JsonNumber.of(random.nextInt(12)));
      }
      if (random.nextBoolean()) {
        args.put("s", new JsonString(random.nextBoolean() ? "v" : "w"));
      }
      out.add(new Call(random.nextBoolean() ? "g1" : "g2", TOOLS[random.nextInt(TOOLS.length)],
          Arguments.of(new JsonObject(args)), at, dev.mcppolicy.model.Outcome.OK));
    }
    return out;
  }

  private static PolicyCoverage coverage(String source) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "coverage-property");
    Path file = Files.writeString(dir.resolve("p.mcppolicy"), source);
    CompileResult r = PolicyCompiler.compile(file, CompileOptions.defaults().withWorkingDirectory(dir).withRoot(dir));
    assertTrue(r.document().isPresent(), source + r.diagnostics());
    return PolicyCoverage.of("p.mcppolicy", r.document().get(), r.sourceMap());
  }

  /** The points {@code calls}, decided in order from fresh counters, cover. */
  private static BitSet covered(PolicyCoverage coverage, List<Call> calls, Simulator simulator) {
    Recorder recorder = coverage.recorder();
    for (Call call : calls) {
      recorder.observe(call, simulator.decide(call));
    }
    return (BitSet) recorder.seen().clone();
  }

  private static BitSet covered(PolicyCoverage coverage, String source, List<Call> calls) throws Exception {
    return covered(coverage, calls, Simulator.of(documentOf(source), WindowMode.CALENDAR));
  }

  private static dev.mcppolicy.model.PolicyDocument documentOf(String source) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "coverage-property");
    Path file = Files.writeString(dir.resolve("p.mcppolicy"), source);
    return PolicyCompiler.compile(file, CompileOptions.defaults().withWorkingDirectory(dir).withRoot(dir)).document().orElseThrow();
  }

  @Property(tries = 100)
  void aCallAddedAfterTheOthersNeverLowersCoverage(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String source = policy(random);
    PolicyCoverage coverage = coverage(source);
    List<Call> calls = calls(random, 1 + random.nextInt(30));
    List<Call> more = new ArrayList<>(calls);
    Call extra = calls(random, 1).get(0);
    Instant last = calls.get(calls.size() - 1).at();
    more.add(new Call(extra.grant(), extra.tool(), extra.arguments(), last.plusSeconds(random.nextInt(90)), extra.outcome()));
    BitSet before = covered(coverage, source, calls);
    BitSet after = covered(coverage, source, more);
    BitSet lost = (BitSet) before.clone();
    lost.andNot(after);
    assertTrue(lost.isEmpty(), "seed " + seed + ": lost " + lost + "\n" + source);
  }

  /**
   * A call inserted anywhere never lowers what does not depend on counters: visibility, rules
   * and conditions. (It can take away an 'allowed' or a 'limit reached': a call that spends a
   * shared counter earlier can turn a later allow into a deny by another limit; docs/coverage.md.)
   */
  @Property(tries = 100)
  void aCallInsertedAnywhereNeverLowersRuleCoverage(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String source = policy(random);
    PolicyCoverage coverage = coverage(source);
    List<Call> calls = calls(random, 1 + random.nextInt(30));
    int at = random.nextInt(calls.size());
    Call extra = calls(random, 1).get(0);
    List<Call> more = new ArrayList<>(calls);
    more.add(at, new Call(extra.grant(), extra.tool(), extra.arguments(), calls.get(at).at(), extra.outcome()));
    BitSet lost = covered(coverage, source, calls);
    lost.andNot(covered(coverage, source, more));
    for (int p = lost.nextSetBit(0); p >= 0; p = lost.nextSetBit(p + 1)) {
      Point.Kind kind = coverage.points().get(p).kind();
      assertTrue(kind == Point.Kind.ALLOWED || kind == Point.Kind.LIMIT_REACHED,
          "seed " + seed + ": lost " + coverage.points().get(p) + "\n" + source);
    }
  }

  /** Test blocks as a test file writes them: each call's grant, instant and arguments, expecting allow (the outcome does not matter). */
  private static String blocks(List<List<Call>> blocks) {
    StringBuilder out = new StringBuilder();
    for (int b = 0; b < blocks.size(); b++) {
      out.append("test \"t").append(b).append("\" {\n");
      for (Call c : blocks.get(b)) {
        out.append("  grant \"").append(c.grant()).append("\"\n  at \"").append(c.at()).append("\"\n  call ").append(c.tool())
            .append(' ').append(dev.mcppolicy.json.JsonWriter.inline(((Arguments.Known) c.arguments()).object()))
            .append(" expect allow\n");
      }
      out.append("}\n");
    }
    return out.toString();
  }

  private static List<Point> uncovered(Path file) throws Exception {
    TestReport report = TestRunner.test(List.of(file), new TestRunner.Options(
        CompileOptions.defaults().withWorkingDirectory(file.getParent()).withRoot(file.getParent()), WindowMode.CALENDAR,
        java.util.Optional.empty(), false, true));
    assertEquals(1, report.coverage().size(), report.text() + report.diagnostics());
    return report.coverage().get(0).uncovered();
  }

  @Property(tries = 25)
  void aRunCoversTheUnionOfItsTestBlocks(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String source = policy(random);
    List<List<Call>> blocks = new ArrayList<>();
    for (int b = 1 + random.nextInt(4); b > 0; b--) {
      blocks.add(calls(random, 1 + random.nextInt(8)));
    }
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "coverage-union");
    List<Point> together = uncovered(Files.writeString(dir.resolve("all.mcppolicy"), source + blocks(blocks)));
    List<Point> apart = null;
    for (int b = 0; b < blocks.size(); b++) {
      Path part = Files.createDirectories(dir.resolve("part" + b));
      List<Point> left = uncovered(Files.writeString(part.resolve("all.mcppolicy"), source + blocks(List.of(blocks.get(b)))));
      apart = apart == null ? new ArrayList<>(left) : new ArrayList<>(apart.stream().filter(left::contains).toList());
    }
    assertEquals(apart, together, "seed " + seed + "\n" + source + blocks(blocks));
  }
}
