package dev.mcppolicy.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.json.JsonNull;
import dev.mcppolicy.json.JsonNumber;
import dev.mcppolicy.json.JsonObject;
import dev.mcppolicy.json.JsonString;
import dev.mcppolicy.json.JsonValue;
import dev.mcppolicy.model.Limit;
import dev.mcppolicy.model.Outcome;
import dev.mcppolicy.model.PolicyDocument;
import dev.mcppolicy.model.RuleIds;
import dev.mcppolicy.model.ToolPolicy;
import dev.mcppolicy.sim.Arguments;
import dev.mcppolicy.sim.Call;
import dev.mcppolicy.sim.Explanation;
import dev.mcppolicy.sim.Simulator;
import dev.mcppolicy.sim.Verdict;
import dev.mcppolicy.sim.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The lints never claim what is false: for generated policies, whenever one says a condition
 * set cannot hold (E701), a deny if never decides (E702) or a limit never binds (E704), a search
 * over generated calls and call sequences, decided by the simulator, finds no witness against it.
 */
class LintPropertiesTest {
  private static final String[] CONDITIONS = {
      "args.n > 3", "args.n >= 3", "args.n < 3", "args.n <= 2", "args.n == 3", "args.n > 5", "args.n < 1", "args.n == 2.5",
      "args.s == \"x\"", "args.s == \"y\"", "args.s == 5", "args.s == \"5\"", "args.s exists", "args.s not exists",
      "args.n exists", "args.n not exists", "args.s in [\"x\", \"y\"]", "args.s in [\"x\"]", "args.s not in [\"x\"]",
      "args.s matches \"^x\""};
  private static final JsonValue[] VALUES = {JsonNumber.of(-1), JsonNumber.of(0), JsonNumber.of(1), JsonNumber.of(2),
      new JsonNumber("2.5"), JsonNumber.of(3), JsonNumber.of(4), JsonNumber.of(5), JsonNumber.of(6), new JsonString("3"),
      new JsonString("x"), new JsonString("y"), new JsonString("5"), new JsonString("xy"), new JsonNull(), null};

  record Generated(String source, Map<Integer, String> ruleByLine) {}

  /** A policy over tools a and b, each rule on a line of its own. */
  static String policy(Random random) {
    StringBuilder out = new StringBuilder("policy \"p\"\ndefault deny\ncatalog c { a write; b write }\n");
    for (String tool : List.of("a", "b")) {
      out.append("tool ").append(tool).append(" {\n");
      for (int i = random.nextInt(4); i > 0; i--) {
        out.append(random.nextInt(4) == 0 ? "  require " : "  deny if ");
        for (int c = 1 + random.nextInt(3); c > 0; c--) {
          out.append(CONDITIONS[random.nextInt(CONDITIONS.length)]).append(c > 1 ? " and " : "\n");
        }
      }
      String[] windows = {"minute", "hour"};
      for (int i = random.nextInt(3); i > 0; i--) {
        out.append("  limit ").append(1 + random.nextInt(4)).append('/').append(windows[random.nextInt(2)])
            .append(" per grant as ").append(tool).append("_l").append(i).append('\n');
      }
      out.append("}\n");
    }
    if (random.nextBoolean()) {
      out.append("all tools limit ").append(2 + random.nextInt(5)).append("/hour per grant\n");
    }
    return out.toString();
  }

  static CompileResult compile(String source) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "lint-property");
    Path file = Files.writeString(dir.resolve("p.mcppolicy"), source);
    return PolicyCompiler.compile(file, CompileOptions.defaults().withWorkingDirectory(dir).withRoot(dir));
  }

  static Arguments arguments(Random random) {
    Map<String, JsonValue> args = new LinkedHashMap<>();
    JsonValue n = VALUES[random.nextInt(VALUES.length)];
    JsonValue s = VALUES[random.nextInt(VALUES.length)];
    if (n != null) {
      args.put("n", n);
    }
    if (s != null) {
      args.put("s", s);
    }
    return Arguments.of(new JsonObject(args));
  }

  /** The rule identifier emitted from source line {@code line}. */
  static List<String> rulesAt(CompileResult r, int line) {
    List<String> out = new ArrayList<>();
    r.sourceMap().rules().forEach((rule, origin) -> {
      if (origin.span().line() == line) {
        out.add(rule);
      }
    });
    return out;
  }

  @Property(tries = 300)
  void noCallContradictsALint(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String source = policy(random);
    CompileResult r = compile(source);
    PolicyDocument document = r.document().orElseThrow(() -> new AssertionError(source + r.diagnostics()));
    Simulator rules = Simulator.of(document, WindowMode.CALENDAR);
    for (Diagnostic d : r.diagnostics()) {
      int line = d.location().orElseThrow().span().line();
      for (String rule : rulesAt(r, line)) {
        if (d.code() == Code.E701) {
          // the entry's conditions never all hold
          String[] parts = rule.split("/");
          boolean require = parts[3].equals("require");
          int index = Integer.parseInt(parts[4]);
          for (int i = 0; i < 400; i++) {
            Call call = new Call("g", parts[2], arguments(random), Instant.parse("2026-01-01T00:00:00Z"), Outcome.OK);
            Explanation.Answer[] answers = rules.answers(call, require, index);
            assertTrue(Arrays.stream(answers).anyMatch(a -> a != Explanation.Answer.TRUE),
                "seed " + seed + ": " + d.message() + " but " + call.arguments() + " holds them all\n" + source);
          }
        } else if (d.code() == Code.E702) {
          for (int i = 0; i < 400; i++) {
            Call call = new Call("g", rule.split("/")[2], arguments(random), Instant.parse("2026-01-01T00:00:00Z"), Outcome.OK);
            assertNotEquals(rule, Simulator.of(document, WindowMode.CALENDAR).decide(call).rule(),
                "seed " + seed + ": " + d.message() + " but it decides " + call.arguments() + "\n" + source);
          }
        } else if (d.code() == Code.E704) {
          PolicyDocument without = without(document, rule);
          for (int round = 0; round < 20; round++) {
            Simulator with = Simulator.of(document, WindowMode.CALENDAR);
            Simulator less = Simulator.of(without, WindowMode.CALENDAR);
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 60; i++) {
              at = at.plusSeconds(random.nextInt(200));
              Call call = new Call("g", random.nextBoolean() ? "a" : "b", Arguments.of(new JsonObject(Map.of())), at, Outcome.OK);
              Verdict v = with.decide(call).verdict();
              assertEquals(less.decide(call).verdict(), v,
                  "seed " + seed + ": " + d.message() + " but the call at " + at + " is decided otherwise without it\n" + source);
            }
          }
        }
      }
    }
  }

  /** The document without the limit {@code rule} names. */
  static PolicyDocument without(PolicyDocument d, String rule) {
    List<Limit> all = new ArrayList<>(d.allToolsLimits());
    all.removeIf(l -> RuleIds.allToolsLimit(l.counter()).equals(rule));
    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    d.tools().forEach((tool, p) -> {
      List<Limit> limits = new ArrayList<>(p.limits());
      limits.removeIf(l -> RuleIds.toolLimit(tool, l.counter()).equals(rule));
      tools.put(tool, new ToolPolicy(p.require(), p.denyIf(), limits));
    });
    PolicyDocument out = new PolicyDocument(d.defaultPosture(), d.hide(), all, tools);
    assertNotEquals(d, out, "the limit " + rule + " is in the document");
    return out;
  }

  /** The generator makes policies the lints speak about: not a property that holds by never being tried. */
  @Property(tries = 1)
  void theGeneratorTriggersEachLintItChecks() throws Exception {
    Random random = new Random(7);
    Map<Code, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      compile(policy(random)).diagnostics().forEach(d -> seen.merge(d.code(), 1, Integer::sum));
    }
    for (Code c : List.of(Code.E701, Code.E702, Code.E704)) {
      assertTrue(seen.getOrDefault(c, 0) > 5, c + " fired " + seen.getOrDefault(c, 0) + " times in 200 policies: " + seen);
    }
  }
}
